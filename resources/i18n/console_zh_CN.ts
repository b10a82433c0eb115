<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DetailView</name>
    <message>
        <location filename="../../console/views/detail_view.py" line="51" />
        <source>状态变更</source>
        <translation>状态变更</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="52" />
        <source>研判</source>
        <translation>研判</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="53" />
        <source>派遣</source>
        <translation>派遣</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="54" />
        <source>备注</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="55" />
        <source>合并</source>
        <translation>合并</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="56" />
        <source>认领</source>
        <translation>认领</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="57" />
        <source>上报</source>
        <translation>上报</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="58" />
        <location filename="../../console/views/detail_view.py" line="172" />
        <source>督办</source>
        <translation>督办</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="59" />
        <source>反馈</source>
        <translation>反馈</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="85" />
        <source>未选择事件</source>
        <translation>未选择事件</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="144" />
        <source>编号</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="145" />
        <source>状态</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="146" />
        <source>级别</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="147" />
        <source>来源</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="148" />
        <source>类别</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="150" />
        <source>网格</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="151" />
        <source>未定位</source>
        <translation>未定位</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="153" />
        <source>地址</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="154" />
        <source>坐标</source>
        <translation>坐标</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="155" />
        <source>报告人</source>
        <translation>报告人</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="156" />
        <source>联系电话</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="157" />
        <source>上报时间</source>
        <translation>上报时间</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="158" />
        <source>接收时间</source>
        <translation>接收时间</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="159" />
        <source>派遣时间</source>
        <translation>派遣时间</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="160" />
        <source>处置时间</source>
        <translation>处置时间</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="161" />
        <source>结案时间</source>
        <translation>结案时间</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="162" />
        <source>办理时限</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="163" />
        <source>责任单位</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="164" />
        <source>认领席位</source>
        <translation>认领席位</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="166" />
        <source>重复上报</source>
        <translation>重复上报</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="167" />
        <source>%1 次</source>
        <translation>%1 次</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="171" />
        <source>合并至</source>
        <translation>合并至</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="172" />
        <location filename="../../console/views/detail_view.py" line="173" />
        <source>是</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="173" />
        <source>现场处置</source>
        <translation>现场处置</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="174" />
        <source>摄像头</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="182" />
        <source>描述</source>
        <translation>描述</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="184" />
        <source>附件</source>
        <translation>附件</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="191" />
        <source>处置记录</source>
        <translation>处置记录</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="194" />
        <source>暂无记录</source>
        <translation>暂无记录</translation>
    </message>
</context>
<context>
    <name>GridTreeModel</name>
    <message>
        <location filename="../../console/qtmodels/grid_tree_model.py" line="91" />
        <source>网格</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/grid_tree_model.py" line="92" />
        <source>层级</source>
        <translation>层级</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/grid_tree_model.py" line="93" />
        <source>在办</source>
        <translation>在办</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/grid_tree_model.py" line="94" />
        <source>超期</source>
        <translation>超期</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/grid_tree_model.py" line="95" />
        <source>今日</source>
        <translation>今日</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/grid_tree_model.py" line="96" />
        <source>在岗</source>
        <translation>在岗</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/grid_tree_model.py" line="124" />
        <location filename="../../console/qtmodels/grid_tree_model.py" line="130" />
        <source>警格</source>
        <translation>警格</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/grid_tree_model.py" line="125" />
        <source>警务网格</source>
        <translation>警务网格</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/grid_tree_model.py" line="277" />
        <source>在岗：%1</source>
        <translation>在岗：%1</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/grid_tree_model.py" line="279" />
        <source>本网格无人在岗</source>
        <translation>本网格无人在岗</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/grid_tree_model.py" line="282" />
        <source>下辖在岗 %1 人</source>
        <translation>下辖在岗 %1 人</translation>
    </message>
</context>
<context>
    <name>GridTreeView</name>
    <message>
        <location filename="../../console/views/grid_tree_view.py" line="35" />
        <source>选择网格以筛选事件队列</source>
        <translation>选择网格以筛选事件队列</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="40" />
        <source>一般</source>
        <translation>一般</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="41" />
        <source>较大</source>
        <translation>较大</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="42" />
        <source>重大</source>
        <translation>重大</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="43" />
        <source>特别重大</source>
        <translation>特别重大</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="50" />
        <source>12345热线</source>
        <translation>12345热线</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="51" />
        <source>智慧城管</source>
        <translation>智慧城管</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="52" />
        <source>网格APP</source>
        <translation>网格APP</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="53" />
        <source>110非警务</source>
        <translation>110非警务</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="54" />
        <source>信访</source>
        <translation>信访</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="55" />
        <source>视频AI</source>
        <translation>视频AI</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="56" />
        <source>物联感知</source>
        <translation>物联感知</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="57" />
        <source>来访</source>
        <translation>来访</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="58" />
        <source>其他</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="65" />
        <source>待受理</source>
        <translation>待受理</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="66" />
        <source>已立案</source>
        <translation>已立案</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="67" />
        <source>已派遣</source>
        <translation>已派遣</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="68" />
        <source>已签收</source>
        <translation>已签收</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="69" />
        <source>到场处置</source>
        <translation>到场处置</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="70" />
        <source>已处置</source>
        <translation>已处置</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="71" />
        <source>已核查</source>
        <translation>已核查</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="72" />
        <source>已结案</source>
        <translation>已结案</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="73" />
        <source>不予立案</source>
        <translation>不予立案</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="74" />
        <source>退回</source>
        <translation>退回</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="75" />
        <source>已上报</source>
        <translation>已上报</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="76" />
        <source>挂起</source>
        <translation>挂起</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="77" />
        <source>重新打开</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="84" />
        <location filename="../../console/qtmodels/labels.py" line="85" />
        <source>已连接</source>
        <translation>已连接</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="86" />
        <source>连接中</source>
        <translation>连接中</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="87" />
        <location filename="../../console/qtmodels/labels.py" line="88" />
        <source>重连中</source>
        <translation>重连中</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="89" />
        <location filename="../../console/qtmodels/labels.py" line="90" />
        <source>补传中</source>
        <translation>补传中</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="91" />
        <source>未授权</source>
        <translation>未授权</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="92" />
        <source>已断开</source>
        <translation>已断开</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="93" />
        <source>已停止</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="94" />
        <source>错误</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="108" />
        <source>刚刚</source>
        <translation>刚刚</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="110" />
        <source>%1秒</source>
        <translation>%1秒</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="112" />
        <source>%1分钟</source>
        <translation>%1分钟</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="114" />
        <source>%1小时</source>
        <translation>%1小时</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="115" />
        <source>%1天</source>
        <translation>%1天</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="132" />
        <source>未分类</source>
        <translation>未分类</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../console/views/main_window.py" line="71" />
        <source>网格治理指挥台 — %1</source>
        <translation>网格治理指挥台 — %1</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="87" />
        <source>地图将在其功能交付后显示</source>
        <translation>地图将在其功能交付后显示</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="89" />
        <source>视频墙将在其功能交付后显示</source>
        <translation>视频墙将在其功能交付后显示</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="97" />
        <source>事件队列</source>
        <translation>事件队列</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="102" />
        <source>网格树</source>
        <translation>网格树</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="106" />
        <source>事件详情</source>
        <translation>事件详情</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="111" />
        <source>地图</source>
        <translation>地图</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="115" />
        <source>视频墙</source>
        <translation>视频墙</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="152" />
        <source>视图</source>
        <translation>视图</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="157" />
        <source>重置布局</source>
        <translation>重置布局</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="160" />
        <source>全屏</source>
        <translation>全屏</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="166" />
        <source>静音提示音</source>
        <translation>静音提示音</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="173" />
        <source>语言</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="207" />
        <source>界面语言将在重新启动后切换</source>
        <translation>界面语言将在重新启动后切换</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <location filename="../../console/qtmodels/queue_model.py" line="76" />
        <source>级别</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/queue_model.py" line="77" />
        <source>派遣倒计时</source>
        <translation>派遣倒计时</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/queue_model.py" line="78" />
        <source>标题</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/queue_model.py" line="79" />
        <source>类别</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/queue_model.py" line="80" />
        <source>网格</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/queue_model.py" line="81" />
        <source>来源</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/queue_model.py" line="82" />
        <source>时长</source>
        <translation>时长</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/queue_model.py" line="83" />
        <source>状态</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/queue_model.py" line="84" />
        <source>责任单位</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/queue_model.py" line="463" />
        <source>接收于 %1</source>
        <translation>接收于 %1</translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <location filename="../../console/views/queue_view.py" line="79" />
        <source>搜索标题、描述、地址</source>
        <translation>搜索标题、描述、地址</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="81" />
        <source>全部级别</source>
        <translation>全部级别</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="85" />
        <source>重大及以上</source>
        <translation>重大及以上</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="89" />
        <source>全部状态</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="89" />
        <source>待派遣</source>
        <translation>待派遣</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="94" />
        <source>全部来源</source>
        <translation>全部来源</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="97" />
        <source>全部类别</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="100" />
        <source>只看我的</source>
        <translation>只看我的</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="101" />
        <source>只看超期</source>
        <translation>只看超期</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="105" />
        <source>静音：新到重大/特别重大事件不再响铃</source>
        <translation>静音：新到重大/特别重大事件不再响铃</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="110" />
        <source>取消网格筛选</source>
        <translation>取消网格筛选</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="199" />
        <source>网格：%1</source>
        <translation>网格：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="211" />
        <source>显示 %1 / 共 %2 件</source>
        <translation>显示 %1 / 共 %2 件</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="217" />
        <source>已静音</source>
        <translation>已静音</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="217" />
        <source>提示音</source>
        <translation>提示音</translation>
    </message>
</context>
<context>
    <name>SlaBadge</name>
    <message>
        <location filename="../../console/widgets/sla_badge.py" line="60" />
        <source>无时限</source>
        <translation>无时限</translation>
    </message>
    <message>
        <location filename="../../console/widgets/sla_badge.py" line="64" />
        <source>超期 %1</source>
        <translation>超期 %1</translation>
    </message>
    <message>
        <location filename="../../console/widgets/sla_badge.py" line="66" />
        <location filename="../../console/widgets/sla_badge.py" line="68" />
        <source>剩余 %1</source>
        <translation>剩余 %1</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../../console/views/status_bar.py" line="40" />
        <source>未连接</source>
        <translation>未连接</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="85" />
        <source>积压 %1</source>
        <translation>积压 %1</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="89" />
        <source>序号 %1</source>
        <translation>序号 %1</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="95" />
        <source>隔离 %1</source>
        <translation>隔离 %1</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="101" />
        <source>接收速率 %1 条/秒</source>
        <translation>接收速率 %1 条/秒</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="126" />
        <source>在办 %1 · 超期 %2</source>
        <translation>在办 %1 · 超期 %2</translation>
    </message>
</context>
</TS>
