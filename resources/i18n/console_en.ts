<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>DetailView</name>
    <message>
        <location filename="../../console/views/detail_view.py" line="51" />
        <source>状态变更</source>
        <translation>State change</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="52" />
        <source>研判</source>
        <translation>Triage</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="53" />
        <source>派遣</source>
        <translation>Dispatch</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="54" />
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="55" />
        <source>合并</source>
        <translation>Merge</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="56" />
        <source>认领</source>
        <translation>Claim</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="57" />
        <source>上报</source>
        <translation>Escalate</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="58" />
        <location filename="../../console/views/detail_view.py" line="172" />
        <source>督办</source>
        <translation>Supervision</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="59" />
        <source>反馈</source>
        <translation>Feedback</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="85" />
        <source>未选择事件</source>
        <translation>No event selected</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="144" />
        <source>编号</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="145" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="146" />
        <source>级别</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="147" />
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="148" />
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="150" />
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="151" />
        <source>未定位</source>
        <translation>Not located</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="153" />
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="154" />
        <source>坐标</source>
        <translation>Coordinates</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="155" />
        <source>报告人</source>
        <translation>Reporter</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="156" />
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="157" />
        <source>上报时间</source>
        <translation>Reported</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="158" />
        <source>接收时间</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="159" />
        <source>派遣时间</source>
        <translation>Dispatched</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="160" />
        <source>处置时间</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="161" />
        <source>结案时间</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="162" />
        <source>办理时限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="163" />
        <source>责任单位</source>
        <translation>Assigned to</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="164" />
        <source>认领席位</source>
        <translation>Claimed by seat</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="166" />
        <source>重复上报</source>
        <translation>Duplicate reports</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="167" />
        <source>%1 次</source>
        <translation>%1 times</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="171" />
        <source>合并至</source>
        <translation>Merged into</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="172" />
        <location filename="../../console/views/detail_view.py" line="173" />
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="173" />
        <source>现场处置</source>
        <translation>Resolved on site</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="174" />
        <source>摄像头</source>
        <translation>Camera</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="182" />
        <source>描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="184" />
        <source>附件</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="191" />
        <source>处置记录</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="194" />
        <source>暂无记录</source>
        <translation>No actions yet</translation>
    </message>
</context>
<context>
    <name>GridTreeModel</name>
    <message>
        <location filename="../../console/qtmodels/grid_tree_model.py" line="91" />
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/grid_tree_model.py" line="92" />
        <source>层级</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/grid_tree_model.py" line="93" />
        <source>在办</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/grid_tree_model.py" line="94" />
        <source>超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/grid_tree_model.py" line="95" />
        <source>今日</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/grid_tree_model.py" line="96" />
        <source>在岗</source>
        <translation>On duty</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/grid_tree_model.py" line="124" />
        <location filename="../../console/qtmodels/grid_tree_model.py" line="130" />
        <source>警格</source>
        <translation>Police grids</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/grid_tree_model.py" line="125" />
        <source>警务网格</source>
        <translation>Police grid</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/grid_tree_model.py" line="277" />
        <source>在岗：%1</source>
        <translation>On duty: %1</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/grid_tree_model.py" line="279" />
        <source>本网格无人在岗</source>
        <translation>Nobody on duty in this grid</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/grid_tree_model.py" line="282" />
        <source>下辖在岗 %1 人</source>
        <translation>%1 on duty in subtree</translation>
    </message>
</context>
<context>
    <name>GridTreeView</name>
    <message>
        <location filename="../../console/views/grid_tree_view.py" line="35" />
        <source>选择网格以筛选事件队列</source>
        <translation>Select a grid to filter the event queue</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="40" />
        <source>一般</source>
        <translation>General</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="41" />
        <source>较大</source>
        <translation>Significant</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="42" />
        <source>重大</source>
        <translation>Major</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="43" />
        <source>特别重大</source>
        <translation>Critical</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="50" />
        <source>12345热线</source>
        <translation>12345 hotline</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="51" />
        <source>智慧城管</source>
        <translation>Smart city mgmt</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="52" />
        <source>网格APP</source>
        <translation>Grid app</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="53" />
        <source>110非警务</source>
        <translation>110 non-police</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="54" />
        <source>信访</source>
        <translation>Petition</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="55" />
        <source>视频AI</source>
        <translation>Video AI</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="56" />
        <source>物联感知</source>
        <translation>IoT sensor</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="57" />
        <source>来访</source>
        <translation>Walk-in</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="58" />
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="65" />
        <source>待受理</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="66" />
        <source>已立案</source>
        <translation>Filed</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="67" />
        <source>已派遣</source>
        <translation>Dispatched</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="68" />
        <source>已签收</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="69" />
        <source>到场处置</source>
        <translation>On scene</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="70" />
        <source>已处置</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="71" />
        <source>已核查</source>
        <translation>Verified</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="72" />
        <source>已结案</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="73" />
        <source>不予立案</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="74" />
        <source>退回</source>
        <translation>Returned</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="75" />
        <source>已上报</source>
        <translation>Escalated</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="76" />
        <source>挂起</source>
        <translation>Suspended</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="77" />
        <source>重新打开</source>
        <translation>Reopened</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="84" />
        <location filename="../../console/qtmodels/labels.py" line="85" />
        <source>已连接</source>
        <translation>Connected</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="86" />
        <source>连接中</source>
        <translation>Connecting</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="87" />
        <location filename="../../console/qtmodels/labels.py" line="88" />
        <source>重连中</source>
        <translation>Reconnecting</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="89" />
        <location filename="../../console/qtmodels/labels.py" line="90" />
        <source>补传中</source>
        <translation>Catching up</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="91" />
        <source>未授权</source>
        <translation>Unauthorized</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="92" />
        <source>已断开</source>
        <translation>Disconnected</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="93" />
        <source>已停止</source>
        <translation>Stopped</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="94" />
        <source>错误</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="108" />
        <source>刚刚</source>
        <translation>just now</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="110" />
        <source>%1秒</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="112" />
        <source>%1分钟</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="114" />
        <source>%1小时</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="115" />
        <source>%1天</source>
        <translation>%1 d</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="132" />
        <source>未分类</source>
        <translation>Unclassified</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../console/views/main_window.py" line="71" />
        <source>网格治理指挥台 — %1</source>
        <translation>Grid Governance Command Console — %1</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="87" />
        <source>地图将在其功能交付后显示</source>
        <translation>The map will appear here once its feature is delivered</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="89" />
        <source>视频墙将在其功能交付后显示</source>
        <translation>The video wall will appear here once its feature is delivered</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="97" />
        <source>事件队列</source>
        <translation>Event queue</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="102" />
        <source>网格树</source>
        <translation>Grid tree</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="106" />
        <source>事件详情</source>
        <translation>Event detail</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="111" />
        <source>地图</source>
        <translation>Map</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="115" />
        <source>视频墙</source>
        <translation>Video wall</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="152" />
        <source>视图</source>
        <translation>View</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="157" />
        <source>重置布局</source>
        <translation>Reset layout</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="160" />
        <source>全屏</source>
        <translation>Full screen</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="166" />
        <source>静音提示音</source>
        <translation>Mute alert sound</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="173" />
        <source>语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="207" />
        <source>界面语言将在重新启动后切换</source>
        <translation>The interface language changes after a restart</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <location filename="../../console/qtmodels/queue_model.py" line="76" />
        <source>级别</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/queue_model.py" line="77" />
        <source>派遣倒计时</source>
        <translation>Dispatch timer</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/queue_model.py" line="78" />
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/queue_model.py" line="79" />
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/queue_model.py" line="80" />
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/queue_model.py" line="81" />
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/queue_model.py" line="82" />
        <source>时长</source>
        <translation>Age</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/queue_model.py" line="83" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/queue_model.py" line="84" />
        <source>责任单位</source>
        <translation>Assigned to</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/queue_model.py" line="463" />
        <source>接收于 %1</source>
        <translation>Received %1</translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <location filename="../../console/views/queue_view.py" line="79" />
        <source>搜索标题、描述、地址</source>
        <translation>Search title, description, address</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="81" />
        <source>全部级别</source>
        <translation>All levels</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="85" />
        <source>重大及以上</source>
        <translation>Major and above</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="89" />
        <source>全部状态</source>
        <translation>All states</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="89" />
        <source>待派遣</source>
        <translation>Awaiting dispatch</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="94" />
        <source>全部来源</source>
        <translation>All sources</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="97" />
        <source>全部类别</source>
        <translation>All categories</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="100" />
        <source>只看我的</source>
        <translation>Mine only</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="101" />
        <source>只看超期</source>
        <translation>Overdue only</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="105" />
        <source>静音：新到重大/特别重大事件不再响铃</source>
        <translation>Mute: no bell for new major/critical events</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="110" />
        <source>取消网格筛选</source>
        <translation>Clear grid filter</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="199" />
        <source>网格：%1</source>
        <translation>Grid: %1</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="211" />
        <source>显示 %1 / 共 %2 件</source>
        <translation>Showing %1 of %2</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="217" />
        <source>已静音</source>
        <translation>Muted</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="217" />
        <source>提示音</source>
        <translation>Sound on</translation>
    </message>
</context>
<context>
    <name>SlaBadge</name>
    <message>
        <location filename="../../console/widgets/sla_badge.py" line="60" />
        <source>无时限</source>
        <translation>No deadline</translation>
    </message>
    <message>
        <location filename="../../console/widgets/sla_badge.py" line="64" />
        <source>超期 %1</source>
        <translation>Overdue %1</translation>
    </message>
    <message>
        <location filename="../../console/widgets/sla_badge.py" line="66" />
        <location filename="../../console/widgets/sla_badge.py" line="68" />
        <source>剩余 %1</source>
        <translation>%1 left</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../../console/views/status_bar.py" line="40" />
        <source>未连接</source>
        <translation>Not connected</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="85" />
        <source>积压 %1</source>
        <translation>Lag %1</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="89" />
        <source>序号 %1</source>
        <translation>Seq %1</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="95" />
        <source>隔离 %1</source>
        <translation>Quarantined %1</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="101" />
        <source>接收速率 %1 条/秒</source>
        <translation>Receiving %1 msgs/s</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="126" />
        <source>在办 %1 · 超期 %2</source>
        <translation>Open %1 · Overdue %2</translation>
    </message>
</context>
</TS>
