<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>BroadcastDialog</name>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="70"/>
        <source>一键下达</source>
        <translation>Broadcast order</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="101"/>
        <source>下达指令，例如：台风红色预警，立即转移低洼地带人员</source>
        <translation>Order to send, e.g. Typhoon red alert: evacuate low-lying areas immediately</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="104"/>
        <source>全部网格</source>
        <translation>All grids</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="105"/>
        <source>指定网格</source>
        <translation>Selected grids</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="112"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="116"/>
        <source>下达</source>
        <translation>Send</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="120"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="123"/>
        <source>指令内容</source>
        <translation>Instruction</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="157"/>
        <source>全部网格（%1个）</source>
        <translation>All grids (%1)</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="194"/>
        <source>向未回应网格重发</source>
        <translation>Resend to unresponsive grids</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="197"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="213"/>
        <source>没有该下达记录：%1</source>
        <translation>No such broadcast order: %1</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="227"/>
        <source>一键下达 · 点名</source>
        <translation>Broadcast order · roll call</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="238"/>
        <source>已回应 %1/%2 · 回应时限 %3</source>
        <translation>%1/%2 responded · response deadline %3</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="241"/>
        <source>%1个网格超时未回应</source>
        <translation>%1 grid(s) did not respond in time</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="255"/>
        <source>请填写指令内容</source>
        <translation>Please enter the instruction</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="259"/>
        <source>请至少勾选一个网格</source>
        <translation>Please tick at least one grid</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="274"/>
        <source>处理中…</source>
        <translation>Working…</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="285"/>
        <source>操作已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="290"/>
        <source>已下达至 %1 个网格</source>
        <translation>Sent to %1 grid(s)</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="295"/>
        <source>已向 %1 个未回应网格重发</source>
        <translation>Resent to %1 unresponsive grid(s)</translation>
    </message>
</context>
<context>
    <name>CameraList</name>
    <message>
        <location filename="../../console/views/camera_list.py" line="37"/>
        <source>搜索摄像机：名称、编号、网格、标签</source>
        <translation>Search cameras: name, ID, grid, tag</translation>
    </message>
    <message>
        <location filename="../../console/views/camera_list.py" line="42"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../console/views/camera_list.py" line="42"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../console/views/camera_list.py" line="42"/>
        <source>标签</source>
        <translation>Tags</translation>
    </message>
</context>
<context>
    <name>CheatSheet</name>
    <message>
        <location filename="../../console/app.py" line="95"/>
        <source>打开最新待派遣事件（重大/特别重大优先）</source>
        <translation>Open the newest event awaiting dispatch (major/critical first)</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="178"/>
        <source>采纳系统建议（类别、等级、责任单位、指令）</source>
        <translation>Accept the system suggestion (category, level, responsible unit, instruction)</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="179"/>
        <source>确认派遣</source>
        <translation>Confirm dispatch</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="180"/>
        <source>确认派遣（在指令框中也可用）</source>
        <translation>Confirm dispatch (also works in the instruction box)</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="182"/>
        <source>需人工研判时：采用第 %1 个候选</source>
        <translation>When manual triage is needed: take candidate %1</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="185"/>
        <source>只立案，不派遣</source>
        <translation>File only, without dispatching</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="186"/>
        <source>不予立案（需填写理由）</source>
        <translation>Reject – not filed (reason required)</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="187"/>
        <source>合并到疑似重复事件</source>
        <translation>Merge into the suspected duplicate</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="189"/>
        <source>关闭研判面板并释放认领</source>
        <translation>Close the triage panel and release the claim</translation>
    </message>
    <message>
        <location filename="../../console/views/cheatsheet.py" line="38"/>
        <location filename="../../console/views/cheatsheet.py" line="41"/>
        <source>主窗口</source>
        <translation>Main window</translation>
    </message>
    <message>
        <location filename="../../console/views/cheatsheet.py" line="44"/>
        <source>双击</source>
        <translation>double-click</translation>
    </message>
    <message>
        <location filename="../../console/views/cheatsheet.py" line="44"/>
        <source>在队列中打开所选事件</source>
        <translation>Open the selected event from the queue</translation>
    </message>
    <message>
        <location filename="../../console/views/cheatsheet.py" line="71"/>
        <source>在输入框中字母键照常输入；按 Esc 离开输入框后，单键快捷键恢复可用。</source>
        <translation>In a text field, letter keys type as usual; press Esc to leave the field and the single-key shortcuts work again.</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="175"/>
        <source>离开输入框（搜索框有内容时先清空）</source>
        <translation>Leave the text field (a search box with text is cleared first)</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="176"/>
        <source>搜索队列</source>
        <translation>Search the queue</translation>
    </message>
    <message>
        <location filename="../../console/views/cheatsheet.py" line="52"/>
        <source>快捷键</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../console/views/cheatsheet.py" line="62"/>
        <source>一分钟研判派遣：N → A → Enter</source>
        <translation>One-minute triage and dispatch: N → A → Enter</translation>
    </message>
</context>
<context>
    <name>DetailView</name>
    <message>
        <location filename="../../console/views/timeline_text.py" line="34"/>
        <source>状态变更</source>
        <translation>State change</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="35"/>
        <source>研判</source>
        <translation>Triage</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="36"/>
        <source>派遣</source>
        <translation>Dispatch</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="37"/>
        <source>派遣未送达</source>
        <translation>Dispatch not delivered</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="38"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="39"/>
        <source>合并</source>
        <translation>Merge</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="40"/>
        <source>认领</source>
        <translation>Claim</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="41"/>
        <source>上报</source>
        <translation>Escalate</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="42"/>
        <location filename="../../console/views/timeline_text.py" line="209"/>
        <location filename="../../console/views/detail_view.py" line="289"/>
        <source>督办</source>
        <translation>Supervision</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="43"/>
        <source>反馈</source>
        <translation>Feedback</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="44"/>
        <source>吹哨</source>
        <translation>Whistle</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="45"/>
        <source>报到</source>
        <translation>Check-in</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="46"/>
        <source>进展</source>
        <translation>Progress</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="47"/>
        <source>一键下达</source>
        <translation>Broadcast</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="48"/>
        <location filename="../../console/views/timeline_text.py" line="231"/>
        <source>截图</source>
        <translation>Snapshot</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="50"/>
        <source>未采纳的反馈</source>
        <translation>Feedback not applied</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="51"/>
        <source>来源更新</source>
        <translation>Source update</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="96"/>
        <source>系统</source>
        <translation>System</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="96"/>
        <source>事件中枢</source>
        <translation>Event hub</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="96"/>
        <source>处置单位</source>
        <translation>Responsible unit</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="141"/>
        <source>核查通过</source>
        <translation>Verification passed</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="143"/>
        <source>核查不通过</source>
        <translation>Verification failed</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="145"/>
        <source>结案</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="147"/>
        <source>合并至 %1（重复事件）</source>
        <translation>Merged into %1 (duplicate)</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="149"/>
        <source>不予立案</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="151"/>
        <source>延期至 %1，批准人 %2</source>
        <translation>Suspended until %1, approved by %2</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="154"/>
        <source>恢复办理（挂起 %1）</source>
        <translation>Resumed (suspended for %1)</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="157"/>
        <source>重新打开</source>
        <translation>Reopened</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="169"/>
        <source>研判：类别 %1，级别 %2</source>
        <translation>Triage: category %1, level %2</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="179"/>
        <source>指令：%1</source>
        <translation>instruction: %1</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="181"/>
        <source>时限 %1</source>
        <translation>due %1</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="182"/>
        <source>派遣：%1</source>
        <translation>Dispatched to %1</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="188"/>
        <source>合并重复上报 %1</source>
        <translation>Merged duplicate report %1</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="190"/>
        <source>合并重复上报 %1（重复推送）</source>
        <translation>Merged duplicate report %1 (re-sent)</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="195"/>
        <source>上报：%1→%2</source>
        <translation>Escalated: %1→%2</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="202"/>
        <source>（%1超时，自动上报）</source>
        <translation> (%1 overdue, escalated automatically)</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="204"/>
        <source>（吹哨部门未按时报到）</source>
        <translation> (summoned departments did not check in on time)</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="214"/>
        <source>吹哨：%1</source>
        <translation>Whistle: %1</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="216"/>
        <source>（报到时限 %1）</source>
        <translation> (check in by %1)</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="217"/>
        <source>；事由：%1</source>
        <translation>; reason: %1</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="220"/>
        <source>报到：%1</source>
        <translation>Checked in: %1</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="221"/>
        <source>（逾时）</source>
        <translation> (late)</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="224"/>
        <source>进展（%1）</source>
        <translation>Progress (%1)</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="227"/>
        <source>一键下达（%1 个网格）</source>
        <translation>Broadcast (%1 grids)</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="234"/>
        <source>现场处置完毕（上报人自行处置）</source>
        <translation>Resolved on the spot by the reporter</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="238"/>
        <source>未采纳的反馈：%1（%2）</source>
        <translation>Feedback not applied: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="246"/>
        <source>上报人电话</source>
        <translation>reporter phone</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="247"/>
        <source>其他信息</source>
        <translation>other details</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="254"/>
        <source>级别 %1 → %2</source>
        <translation>level %1 → %2</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="256"/>
        <source>网格 %1</source>
        <translation>grid %1</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="258"/>
        <source>附件 +%1</source>
        <translation>attachments +%1</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="261"/>
        <source>来源更新：%1</source>
        <translation>Source update: %1</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="263"/>
        <source>；未采纳：级别 %1</source>
        <translation>; not adopted: level %1</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="97"/>
        <location filename="../../console/views/detail_view.py" line="176"/>
        <source>未选择事件</source>
        <translation>No event selected</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="204"/>
        <source>照片</source>
        <translation>Photos</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="214"/>
        <source>合并的重复上报</source>
        <translation>Merged duplicate reports</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="239"/>
        <source>附近在办事件</source>
        <translation>Open events nearby</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="252"/>
        <source>（已离开实时队列）</source>
        <translation> (left the live queue)</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="261"/>
        <source>编号</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="262"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="263"/>
        <source>级别</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="264"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="265"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="267"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="268"/>
        <source>未定位</source>
        <translation>Not located</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="270"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="271"/>
        <source>坐标</source>
        <translation>Coordinates</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="272"/>
        <source>报告人</source>
        <translation>Reporter</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="273"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="274"/>
        <source>上报时间</source>
        <translation>Reported</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="275"/>
        <source>接收时间</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="276"/>
        <source>派遣时间</source>
        <translation>Dispatched</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="277"/>
        <source>处置时间</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="278"/>
        <source>结案时间</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="279"/>
        <source>办理时限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="280"/>
        <source>责任单位</source>
        <translation>Assigned to</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="281"/>
        <source>认领席位</source>
        <translation>Claimed by seat</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="283"/>
        <source>重复上报</source>
        <translation>Duplicate reports</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="284"/>
        <source>%1 次</source>
        <translation>%1 times</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="288"/>
        <source>合并至</source>
        <translation>Merged into</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="289"/>
        <location filename="../../console/views/detail_view.py" line="290"/>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="49"/>
        <location filename="../../console/views/detail_view.py" line="290"/>
        <source>现场处置</source>
        <translation>Resolved on site</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="244"/>
        <source>标题</source>
        <translation>title</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="245"/>
        <source>位置</source>
        <translation>location</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="245"/>
        <source>上报人</source>
        <translation>reporter</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="246"/>
        <location filename="../../console/views/detail_view.py" line="291"/>
        <source>摄像头</source>
        <translation>Camera</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="244"/>
        <location filename="../../console/views/detail_view.py" line="299"/>
        <source>描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="301"/>
        <source>附件</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="311"/>
        <source>处置记录</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="313"/>
        <source>载入中…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="318"/>
        <source>暂无记录</source>
        <translation>No actions yet</translation>
    </message>
</context>
<context>
    <name>DispatchPanel</name>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="159"/>
        <source>只立案，不派遣</source>
        <translation>File only, without dispatching</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="84"/>
        <source>研判派遣</source>
        <translation>Triage &amp; dispatch</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="135"/>
        <source>不予立案理由：填写后按 Enter（或 Esc 再按 R）</source>
        <translation>Reason for not filing: type it, then press Enter (or Esc, then R)</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="136"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="137"/>
        <source>等级</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="138"/>
        <source>处置单位（可多选）</source>
        <translation>Handling units (multiple allowed)</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="139"/>
        <source>派遣指令</source>
        <translation>Dispatch instruction</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="140"/>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="149"/>
        <source>采纳建议 (A)</source>
        <translation>Accept suggestion (A)</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="150"/>
        <source>派遣 (Enter)</source>
        <translation>Dispatch (Enter)</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="151"/>
        <source>立案 (F)</source>
        <translation>File (F)</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="152"/>
        <source>不予立案 (R)</source>
        <translation>Reject – not filed (R)</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="153"/>
        <source>合并重复 (D)</source>
        <translation>Merge duplicate (D)</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="154"/>
        <source>关闭 (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="157"/>
        <source>采纳系统建议的类别、等级、责任单位和指令</source>
        <translation>Accept the suggested category, level, responsible unit and instruction</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="158"/>
        <source>按所选单位派遣并下发指令</source>
        <translation>Dispatch to the selected units and issue the instruction</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="160"/>
        <source>无效或不属受理范围，需填写理由</source>
        <translation>Invalid or outside our remit; a reason is required</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="161"/>
        <source>合并到最可能的重复事件</source>
        <translation>Merge into the most likely duplicate</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="162"/>
        <source>关闭并释放本席位的认领</source>
        <translation>Close and release this seat&apos;s claim</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="195"/>
        <source>当前账号无权执行此操作</source>
        <translation>This account is not allowed to do that</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="242"/>
        <source>注意：该事件正在由 %1 处理</source>
        <translation>Note: this event is being handled by %1</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="245"/>
        <source>网格待定</source>
        <translation>Grid to be determined</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="264"/>
        <location filename="../../console/views/dispatch_panel.py" line="471"/>
        <source>网格员：%1</source>
        <translation>Grid worker: %1</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="271"/>
        <source>无系统建议</source>
        <translation>No system suggestion</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="276"/>
        <source>需人工研判</source>
        <translation>Manual triage needed</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="279"/>
        <source>候选 %1：&lt;b&gt;%2&lt;/b&gt; → %3（%4）</source>
        <translation>Candidate %1: &lt;b&gt;%2&lt;/b&gt; → %3 (%4)</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="283"/>
        <source>事项：&lt;b&gt;%1&lt;/b&gt;（置信度 %2）</source>
        <translation>Matter: &lt;b&gt;%1&lt;/b&gt; (confidence %2)</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="286"/>
        <source>建议类别：&lt;b&gt;%1&lt;/b&gt;（%2）</source>
        <translation>Suggested category: &lt;b&gt;%1&lt;/b&gt; (%2)</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="466"/>
        <source>%1 %2米 · 步行约%3分钟</source>
        <translation>%1 %2 m · about %3 min on foot</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="287"/>
        <source>建议等级：&lt;b&gt;%1&lt;/b&gt;</source>
        <translation>Suggested level: &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="288"/>
        <source>责任单位：&lt;b&gt;%1&lt;/b&gt;（%2）</source>
        <translation>Responsible unit: &lt;b&gt;%1&lt;/b&gt; (%2)</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="289"/>
        <source>在岗网格员：%1</source>
        <translation>On-duty grid worker: %1</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="293"/>
        <source>附近在岗：%1</source>
        <translation>On duty nearby: %1</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="295"/>
        <source>警告：30分钟内无在岗网格员可步行到达</source>
        <translation>Warning: no on-duty grid worker can walk there within 30 min</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="299"/>
        <source>疑似重复：&lt;b&gt;%1&lt;/b&gt;（%2）</source>
        <translation>Suspected duplicate: &lt;b&gt;%1&lt;/b&gt; (%2)</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="328"/>
        <source>请及时到场核实处置：%1</source>
        <translation>Please go on site promptly to verify and handle: %1</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="330"/>
        <source>（地点：%1）</source>
        <translation> (location: %1)</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="355"/>
        <source>处理中…</source>
        <translation>Working…</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="364"/>
        <source>操作失败：%1</source>
        <translation>Operation failed: %1</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="369"/>
        <source>已完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="407"/>
        <source>请先选择事件类别</source>
        <translation>Please select an event category first</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="417"/>
        <source>不予立案必须填写理由</source>
        <translation>A reason is required to reject (not file) an event</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="426"/>
        <source>没有疑似重复事件</source>
        <translation>No suspected duplicates</translation>
    </message>
</context>
<context>
    <name>Escalation</name>
    <message>
        <location filename="../../console/views/escalation_board.py" line="80"/>
        <source>事件 / 部门</source>
        <translation>Event / department</translation>
    </message>
    <message>
        <location filename="../../console/views/escalation_board.py" line="80"/>
        <source>报到</source>
        <translation>Check-in</translation>
    </message>
    <message>
        <location filename="../../console/views/escalation_board.py" line="81"/>
        <source>最新进展</source>
        <translation>Latest progress</translation>
    </message>
    <message>
        <location filename="../../console/views/escalation_board.py" line="81"/>
        <source>响应率</source>
        <translation>Response rate</translation>
    </message>
    <message>
        <location filename="../../console/views/escalation_board.py" line="212"/>
        <source>（迟到）</source>
        <translation> (late)</translation>
    </message>
    <message>
        <location filename="../../console/views/escalation_board.py" line="214"/>
        <source>未报到</source>
        <translation>Not checked in</translation>
    </message>
    <message>
        <location filename="../../console/views/escalation_board.py" line="216"/>
        <source>待报到（剩余 %1）</source>
        <translation>Awaiting check-in (%1 left)</translation>
    </message>
    <message>
        <location filename="../../console/views/escalation_board.py" line="232"/>
        <source>%1/%2 已报到 · 时限 %3</source>
        <translation>%1/%2 checked in · deadline %3</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/board_table.py" line="31"/>
        <source>%1秒</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/board_table.py" line="33"/>
        <source>%1分钟</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/board_table.py" line="35"/>
        <source>%1小时%2分</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/board_table.py" line="36"/>
        <source>%1天%2小时</source>
        <translation>%1 d %2 h</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/board_table.py" line="42"/>
        <source>超期 %1</source>
        <translation>Overdue %1</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/board_table.py" line="43"/>
        <source>剩余 %1</source>
        <translation>%1 left</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="64"/>
        <source>派遣</source>
        <translation>Dispatch</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="65"/>
        <source>签收</source>
        <translation>Accept</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="66"/>
        <source>到场</source>
        <translation>Arrive</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="67"/>
        <source>处置</source>
        <translation>Resolve</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="68"/>
        <source>结案</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="74"/>
        <source>微网格</source>
        <translation>Micro-grid</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="75"/>
        <source>社区</source>
        <translation>Community</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="76"/>
        <source>街道</source>
        <translation>Street</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="77"/>
        <source>区</source>
        <translation>District</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="129"/>
        <source>层级</source>
        <translation>Tier</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="129"/>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="130"/>
        <location filename="../../console/qtmodels/broadcast_model.py" line="106"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="130"/>
        <source>阶段</source>
        <translation>Stage</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="131"/>
        <source>距超期</source>
        <translation>Until overdue</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="131"/>
        <location filename="../../console/qtmodels/escalation_model.py" line="136"/>
        <source>督办</source>
        <translation>Supervision</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="131"/>
        <source>责任单位</source>
        <translation>Assigned to</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/broadcast_model.py" line="28"/>
        <source>指令</source>
        <translation>Instruction</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/broadcast_model.py" line="28"/>
        <source>下达时间</source>
        <translation>Sent at</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/broadcast_model.py" line="28"/>
        <source>已回应</source>
        <translation>Responded</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/broadcast_model.py" line="29"/>
        <source>未回应网格</source>
        <translation>Unresponsive grids</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/broadcast_model.py" line="29"/>
        <source>回应时限</source>
        <translation>Response deadline</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/broadcast_model.py" line="87"/>
        <source> 等%1个</source>
        <translation> … (%1 in total)</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/broadcast_model.py" line="90"/>
        <source>已超时</source>
        <translation>Timed out</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/broadcast_model.py" line="106"/>
        <source>回应时间</source>
        <translation>Responded at</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/broadcast_model.py" line="107"/>
        <source>下达次数</source>
        <translation>Times sent</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/broadcast_model.py" line="128"/>
        <source>未回应</source>
        <translation>No response</translation>
    </message>
</context>
<context>
    <name>EscalationBoard</name>
    <message>
        <location filename="../../console/views/escalation_board.py" line="281"/>
        <source>层级</source>
        <translation>Tier</translation>
    </message>
    <message>
        <location filename="../../console/views/escalation_board.py" line="284"/>
        <source>全部层级</source>
        <translation>All tiers</translation>
    </message>
    <message>
        <location filename="../../console/views/escalation_board.py" line="321"/>
        <source>点名详情</source>
        <translation>Roll-call details</translation>
    </message>
    <message>
        <location filename="../../console/views/escalation_board.py" line="322"/>
        <source>查看所选一键下达的逐网格回应情况，可向未回应网格重发</source>
        <translation>Show grid-by-grid responses to the selected broadcast order; resend to grids that have not responded</translation>
    </message>
    <message>
        <location filename="../../console/views/escalation_board.py" line="334"/>
        <source>超期/临期 (%1)</source>
        <translation>Overdue / due soon (%1)</translation>
    </message>
    <message>
        <location filename="../../console/views/escalation_board.py" line="335"/>
        <source>吹哨报到 (%1)</source>
        <translation>Whistle / check-in (%1)</translation>
    </message>
    <message>
        <location filename="../../console/views/escalation_board.py" line="336"/>
        <source>一键下达 (%1)</source>
        <translation>Broadcast orders (%1)</translation>
    </message>
</context>
<context>
    <name>EventActions</name>
    <message>
        <location filename="../../console/views/event_actions.py" line="110"/>
        <source>操作失败：%1</source>
        <translation>Operation failed: %1</translation>
    </message>
    <message>
        <location filename="../../console/views/event_dialogs.py" line="73"/>
        <source>请填写说明</source>
        <translation>Please enter a note</translation>
    </message>
    <message>
        <location filename="../../console/views/event_dialogs.py" line="80"/>
        <source>吹哨报到</source>
        <translation>Whistle / check-in</translation>
    </message>
    <message>
        <location filename="../../console/views/event_dialogs.py" line="97"/>
        <source>召集部门（可多选）</source>
        <translation>Summon departments (multiple allowed)</translation>
    </message>
    <message>
        <location filename="../../console/views/event_dialogs.py" line="98"/>
        <source>事由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../console/views/event_dialogs.py" line="127"/>
        <source>至少选择一个部门</source>
        <translation>Select at least one department</translation>
    </message>
    <message>
        <location filename="../../console/views/event_dialogs.py" line="129"/>
        <source>请填写吹哨事由</source>
        <translation>Please give a reason for the whistle</translation>
    </message>
    <message>
        <location filename="../../console/views/event_dialogs.py" line="137"/>
        <source>延期（挂起）</source>
        <translation>Extend (suspend)</translation>
    </message>
    <message>
        <location filename="../../console/views/event_dialogs.py" line="144"/>
        <source>批准领导</source>
        <translation>Approving leader</translation>
    </message>
    <message>
        <location filename="../../console/views/event_dialogs.py" line="146"/>
        <source>延期至</source>
        <translation>Extend until</translation>
    </message>
    <message>
        <location filename="../../console/views/event_dialogs.py" line="147"/>
        <source>批准人</source>
        <translation>Approved by</translation>
    </message>
    <message>
        <location filename="../../console/views/event_dialogs.py" line="148"/>
        <source>延期理由</source>
        <translation>Reason for extension</translation>
    </message>
    <message>
        <location filename="../../console/views/event_dialogs.py" line="160"/>
        <source>延期须填写批准人</source>
        <translation>An extension requires an approver</translation>
    </message>
    <message>
        <location filename="../../console/views/event_dialogs.py" line="162"/>
        <source>请填写延期理由</source>
        <translation>Please enter a reason for the extension</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="152"/>
        <location filename="../../console/views/event_actions.py" line="274"/>
        <source>一键上报</source>
        <translation>Escalate</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="153"/>
        <location filename="../../console/views/event_actions.py" line="279"/>
        <source>督办</source>
        <translation>Supervise</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="154"/>
        <source>吹哨</source>
        <translation>Whistle</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="155"/>
        <source>核查通过</source>
        <translation>Verify: pass</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="156"/>
        <location filename="../../console/views/event_actions.py" line="294"/>
        <source>核查不通过</source>
        <translation>Verify: fail</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="157"/>
        <source>延期</source>
        <translation>Extend</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="158"/>
        <source>恢复</source>
        <translation>Resume</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="159"/>
        <location filename="../../console/views/event_actions.py" line="310"/>
        <source>重新打开</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="76"/>
        <location filename="../../console/views/event_actions.py" line="227"/>
        <source>未选择事件</source>
        <translation>No event selected</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="76"/>
        <source>事件已离开实时队列，请在历史查询中重新打开</source>
        <translation>The event has left the live queue; open it again from History</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="82"/>
        <source>事件当前为“%1”，</source>
        <translation>The event is “%1”; </translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="83"/>
        <source>事件已延期（挂起），请先恢复</source>
        <translation>The event is suspended; resume it first</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="84"/>
        <source>仅已处置（待核查）的事件可以核查</source>
        <translation>Only resolved events (awaiting verification) can be verified</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="86"/>
        <source>已在最高层级（区），无法继续上报</source>
        <translation>Already at the top tier (district); cannot escalate further</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="87"/>
        <source>不能上报</source>
        <translation>it cannot be escalated</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="89"/>
        <source>仅已派遣、已签收或到场处置的事件可以督办</source>
        <translation>Only dispatched, accepted or on-scene events can be supervised</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="90"/>
        <source>不能吹哨</source>
        <translation>it cannot summon departments</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="93"/>
        <source>不能延期</source>
        <translation>it cannot be suspended</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="94"/>
        <source>仅延期（挂起）中的事件可以恢复</source>
        <translation>Only suspended events can be resumed</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="95"/>
        <source>仅已处置、已结案或不予立案的事件可以重新打开</source>
        <translation>Only resolved, closed or rejected events can be reopened</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="96"/>
        <source>不能退回</source>
        <translation>it cannot be returned</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="97"/>
        <source>仅下级上报的事件（或12345工单）可以退回</source>
        <translation>Only events escalated from a lower level (or 12345 tickets) can be returned</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="160"/>
        <location filename="../../console/views/event_actions.py" line="315"/>
        <source>退回下级</source>
        <translation>Return to lower level</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="230"/>
        <source>%1 · 已离开实时队列（已结案或不予立案）</source>
        <translation>%1 · no longer in the live queue (closed or rejected)</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="234"/>
        <source>督办中</source>
        <translation>Under supervision</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="275"/>
        <source>上报说明</source>
        <translation>Escalation note</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="280"/>
        <source>督办意见</source>
        <translation>Supervision instructions</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="295"/>
        <source>不通过原因</source>
        <translation>Reason for failing</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="311"/>
        <source>重新打开原因</source>
        <translation>Reason for reopening</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="224"/>
        <location filename="../../console/views/event_actions.py" line="333"/>
        <source>处理中…</source>
        <translation>Working…</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="316"/>
        <source>处理意见</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="327"/>
        <source>所选事件已变化，操作未执行，请重新操作</source>
        <translation>The selected event changed; nothing was done — please try again</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="341"/>
        <source>操作已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="355"/>
        <source>已在最高层级，无法继续上报</source>
        <translation>Already at the top tier; cannot escalate further</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="357"/>
        <source>已完成：%1</source>
        <translation>Done: %1</translation>
    </message>
</context>
<context>
    <name>FeedStatus</name>
    <message>
        <location filename="../../console/views/feed_status.py" line="52"/>
        <source>%1（%2 秒后）</source>
        <translation>%1 (in %2 s)</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="64"/>
        <source>已加密（TLS，wss://）</source>
        <translation>Encrypted (TLS, wss://)</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="68"/>
        <source>未加密（仅本机，ws://）</source>
        <translation>Not encrypted (this machine only, ws://)</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="73"/>
        <source>未加密：令牌和事件以明文经网络传输，请改用 wss://</source>
        <translation>Not encrypted: the token and events cross the network in clear text — use wss://</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="82"/>
        <source>最近错误：%1</source>
        <translation>Last error: %1</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="84"/>
        <source>发生时间：%1</source>
        <translation>At: %1</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="89"/>
        <source>已连续失败 %1 次，下次重试：%2</source>
        <translation>%1 failed attempts in a row; next retry: %2</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="100"/>
        <source>缺号 %1 处（%2 个序号），重复或倒序 %3 条</source>
        <translation>%1 gaps (%2 seqs missing), %3 repeated or backwards</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="103"/>
        <source>最近：%1</source>
        <translation>Latest: %1</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="112"/>
        <source>%1 事件中枢的日志已更换（本机已提交至序号 %2，新日志最新序号 %3），已从新日志开头重新同步，已有事件按编号合并</source>
        <translation>%1 The hub&apos;s log was replaced (this console had committed up to seq %2; the new log&apos;s head is %3); resynchronised from the start of the new log, events already held merged by id</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="115"/>
        <source>%1 事件中枢的最新序号 %3 低于本机已提交的序号 %2（日志已重置），已从开头重新同步，已有事件按编号合并</source>
        <translation>%1 The hub&apos;s head seq %3 is below this console&apos;s committed seq %2 (log reset); resynchronised from the start, events already held merged by id</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="135"/>
        <source>数据连接状态</source>
        <translation>Feed connection status</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="144"/>
        <source>数据接入</source>
        <translation>Intake</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="145"/>
        <source>中枢地址</source>
        <translation>Hub URL</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="146"/>
        <source>连接状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="147"/>
        <source>传输加密</source>
        <translation>Encryption</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="148"/>
        <source>最近错误</source>
        <translation>Last error</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="149"/>
        <source>发生时间</source>
        <translation>Error time</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="150"/>
        <source>连续失败次数</source>
        <translation>Failed attempts in a row</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="151"/>
        <source>下次重试</source>
        <translation>Next retry</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="152"/>
        <source>已提交序号</source>
        <translation>Last committed seq</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="153"/>
        <source>中枢最新序号</source>
        <translation>Hub head seq</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="154"/>
        <source>积压</source>
        <translation>Lag</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="155"/>
        <source>已接收记录</source>
        <translation>Records received</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="156"/>
        <source>已隔离记录</source>
        <translation>Records quarantined</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="157"/>
        <source>序号异常</source>
        <translation>Sequence anomalies</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="158"/>
        <source>中枢日志</source>
        <translation>Hub log</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="229"/>
        <source>本席位不接入数据源，由%1写入</source>
        <translation>This seat does not take in the feed; %1 writes it</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="231"/>
        <source>（以下为写入席位 %1 共享的状态）</source>
        <translation> (below: the state the writing seat shared at %1)</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="238"/>
        <source>未连接事件中枢</source>
        <translation>Not connected to the event hub</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="99"/>
        <location filename="../../console/views/feed_status.py" line="247"/>
        <source>无</source>
        <translation>None</translation>
    </message>
</context>
<context>
    <name>GridLevels</name>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="233"/>
        <source>街道</source>
        <translation>Street</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="234"/>
        <source>乡镇</source>
        <translation>Township</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="235"/>
        <source>街区网格</source>
        <translation>Block grid</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="236"/>
        <source>社区网格</source>
        <translation>Community grid</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="237"/>
        <source>村（社区）</source>
        <translation>Village (community)</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="238"/>
        <source>片区</source>
        <translation>Zone</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="239"/>
        <source>微片区</source>
        <translation>Micro-zone</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="240"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="241"/>
        <source>微网格</source>
        <translation>Micro-grid</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="242"/>
        <source>治理单元</source>
        <translation>Governance unit</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="246"/>
        <source>山林网格</source>
        <translation>Mountain grid</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="247"/>
        <source>水域网格</source>
        <translation>Water grid</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="248"/>
        <source>警格</source>
        <translation>Police grid</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="259"/>
        <source>%1级网格</source>
        <translation>Level %1 grid</translation>
    </message>
</context>
<context>
    <name>GridTreeModel</name>
    <message>
        <location filename="../../console/qtmodels/grid_tree_model.py" line="103"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/grid_tree_model.py" line="104"/>
        <source>层级</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/grid_tree_model.py" line="105"/>
        <source>在办</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/grid_tree_model.py" line="106"/>
        <source>超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/grid_tree_model.py" line="107"/>
        <source>今日</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/grid_tree_model.py" line="108"/>
        <source>在岗</source>
        <translation>On duty</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/grid_tree_model.py" line="154"/>
        <source>警格</source>
        <translation>Police grids</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/grid_tree_model.py" line="155"/>
        <source>警务网格</source>
        <translation>Police grid</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/grid_tree_model.py" line="351"/>
        <source>在岗：%1</source>
        <translation>On duty: %1</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/grid_tree_model.py" line="353"/>
        <source>本网格无人在岗</source>
        <translation>Nobody on duty in this grid</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/grid_tree_model.py" line="356"/>
        <source>下辖在岗 %1 人</source>
        <translation>%1 on duty in subtree</translation>
    </message>
</context>
<context>
    <name>GridTreeView</name>
    <message>
        <location filename="../../console/views/grid_tree_view.py" line="40"/>
        <source>选择网格以筛选事件队列</source>
        <translation>Select a grid to filter the event queue</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location filename="../../console/qtmodels/history_model.py" line="93"/>
        <source>级别</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/history_model.py" line="94"/>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/history_model.py" line="95"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/history_model.py" line="96"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/history_model.py" line="97"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/history_model.py" line="98"/>
        <source>上报时间</source>
        <translation>Reported</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/history_model.py" line="99"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/history_model.py" line="100"/>
        <source>责任单位</source>
        <translation>Assigned to</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/history_model.py" line="107"/>
        <source>历史查询失败：%1</source>
        <translation>History search failed: %1</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <location filename="../../console/views/history_view.py" line="89"/>
        <source>搜索标题、描述、地址，回车查询</source>
        <translation>Search title, description, address; press Enter</translation>
    </message>
    <message>
        <location filename="../../console/views/history_view.py" line="94"/>
        <source>今天</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../console/views/history_view.py" line="95"/>
        <source>近7天</source>
        <translation>Last 7 days</translation>
    </message>
    <message>
        <location filename="../../console/views/history_view.py" line="96"/>
        <source>近30天</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <location filename="../../console/views/history_view.py" line="97"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../console/views/history_view.py" line="105"/>
        <source>全部状态</source>
        <translation>All states</translation>
    </message>
    <message>
        <location filename="../../console/views/history_view.py" line="108"/>
        <source>未结案</source>
        <translation>Not closed</translation>
    </message>
    <message>
        <location filename="../../console/views/history_view.py" line="114"/>
        <source>全部来源</source>
        <translation>All sources</translation>
    </message>
    <message>
        <location filename="../../console/views/history_view.py" line="117"/>
        <source>全部类别</source>
        <translation>All categories</translation>
    </message>
    <message>
        <location filename="../../console/views/history_view.py" line="120"/>
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../console/views/history_view.py" line="126"/>
        <source>取消网格筛选</source>
        <translation>Clear grid filter</translation>
    </message>
    <message>
        <location filename="../../console/views/history_view.py" line="152"/>
        <source>重试</source>
        <translation>Retry</translation>
    </message>
    <message>
        <location filename="../../console/views/history_view.py" line="178"/>
        <source>输入条件后回车查询</source>
        <translation>Enter search criteria and press Enter</translation>
    </message>
    <message>
        <location filename="../../console/views/history_view.py" line="218"/>
        <source>网格：%1</source>
        <translation>Grid: %1</translation>
    </message>
    <message>
        <location filename="../../console/views/history_view.py" line="241"/>
        <source>加载中…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../console/views/history_view.py" line="244"/>
        <source>已加载 %1 条</source>
        <translation>%1 records loaded</translation>
    </message>
    <message>
        <location filename="../../console/views/history_view.py" line="246"/>
        <source>（已全部加载）</source>
        <translation> (all loaded)</translation>
    </message>
</context>
<context>
    <name>KpiTile</name>
    <message>
        <location filename="../../console/widgets/kpi_tile.py" line="34"/>
        <source>%1秒</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../../console/widgets/kpi_tile.py" line="35"/>
        <source>%1分%2秒</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <location filename="../../console/widgets/kpi_tile.py" line="42"/>
        <source>%1分钟</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location filename="../../console/widgets/kpi_tile.py" line="43"/>
        <source>%1小时%2分</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <location filename="../../console/widgets/kpi_tile.py" line="65"/>
        <source>办结率</source>
        <translation>Closure rate</translation>
    </message>
    <message>
        <location filename="../../console/widgets/kpi_tile.py" line="66"/>
        <source>按时办结率</source>
        <translation>On-time closure rate</translation>
    </message>
    <message>
        <location filename="../../console/widgets/kpi_tile.py" line="67"/>
        <source>现场处置率</source>
        <translation>On-site disposal rate</translation>
    </message>
    <message>
        <location filename="../../console/widgets/kpi_tile.py" line="68"/>
        <source>平均处置时长</source>
        <translation>Avg. handling time</translation>
    </message>
    <message>
        <location filename="../../console/widgets/kpi_tile.py" line="69"/>
        <source>派遣p90</source>
        <translation>Dispatch p90</translation>
    </message>
    <message>
        <location filename="../../console/widgets/kpi_tile.py" line="70"/>
        <source>60秒内派遣率</source>
        <translation>Dispatched within 60 s</translation>
    </message>
    <message>
        <location filename="../../console/widgets/kpi_tile.py" line="71"/>
        <source>部门响应率</source>
        <translation>Dept. response rate</translation>
    </message>
    <message>
        <location filename="../../console/widgets/kpi_tile.py" line="72"/>
        <source>巡查覆盖率</source>
        <translation>Patrol coverage</translation>
    </message>
    <message>
        <location filename="../../console/widgets/kpi_tile.py" line="115"/>
        <source>%1：暂无数据</source>
        <translation>%1: no data yet</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="53"/>
        <source>一般</source>
        <translation>General</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="54"/>
        <source>较大</source>
        <translation>Significant</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="55"/>
        <source>重大</source>
        <translation>Major</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="56"/>
        <source>特别重大</source>
        <translation>Critical</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="63"/>
        <source>12345热线</source>
        <translation>12345 hotline</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="64"/>
        <source>智慧城管</source>
        <translation>Smart city mgmt</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="65"/>
        <source>网格APP</source>
        <translation>Grid app</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="66"/>
        <source>110非警务</source>
        <translation>110 non-police</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="67"/>
        <source>信访</source>
        <translation>Petition</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="68"/>
        <source>视频AI</source>
        <translation>Video AI</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="69"/>
        <source>物联感知</source>
        <translation>IoT sensor</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="70"/>
        <source>来访</source>
        <translation>Walk-in</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="71"/>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="78"/>
        <source>待受理</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="79"/>
        <source>已立案</source>
        <translation>Filed</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="80"/>
        <source>已派遣</source>
        <translation>Dispatched</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="81"/>
        <source>已签收</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="82"/>
        <source>到场处置</source>
        <translation>On scene</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="83"/>
        <source>已处置</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="84"/>
        <source>已核查</source>
        <translation>Verified</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="85"/>
        <source>已结案</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="86"/>
        <source>不予立案</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="87"/>
        <source>退回</source>
        <translation>Returned</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="88"/>
        <source>已上报</source>
        <translation>Escalated</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="89"/>
        <source>挂起</source>
        <translation>Suspended</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="90"/>
        <source>重新打开</source>
        <translation>Reopened</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="97"/>
        <location filename="../../console/qtmodels/labels.py" line="98"/>
        <source>已连接</source>
        <translation>Connected</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="99"/>
        <source>连接中</source>
        <translation>Connecting</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="100"/>
        <location filename="../../console/qtmodels/labels.py" line="101"/>
        <source>重连中</source>
        <translation>Reconnecting</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="102"/>
        <location filename="../../console/qtmodels/labels.py" line="103"/>
        <source>补传中</source>
        <translation>Catching up</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="104"/>
        <source>未授权</source>
        <translation>Unauthorized</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="105"/>
        <source>已断开</source>
        <translation>Disconnected</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="106"/>
        <source>已停止</source>
        <translation>Stopped</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="107"/>
        <source>错误</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="120"/>
        <source>中枢拒绝了令牌，请检查数据连接令牌</source>
        <translation>The hub refused the token; check the feed token</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="121"/>
        <source>中枢拒绝了连接请求</source>
        <translation>The hub refused the connection request</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="122"/>
        <source>连接被拒绝：中枢未运行或地址端口有误</source>
        <translation>Connection refused: the hub is not running or the address/port is wrong</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="123"/>
        <source>无法解析中枢的主机名（DNS）</source>
        <translation>The hub&apos;s host name cannot be resolved (DNS)</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="124"/>
        <source>TLS 加密连接失败（证书或握手）</source>
        <translation>TLS connection failed (certificate or handshake)</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="125"/>
        <source>连接超时：中枢没有及时应答</source>
        <translation>Timed out: the hub did not answer in time</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="126"/>
        <source>网络不可达</source>
        <translation>Network unreachable</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="127"/>
        <source>连接已断开</source>
        <translation>Connection lost</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="128"/>
        <source>协议错误：对端不是事件中枢</source>
        <translation>Protocol error: the peer is not an event hub</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="129"/>
        <source>本地保存失败，稍后重试</source>
        <translation>Saving locally failed; retrying later</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="130"/>
        <source>连接错误</source>
        <translation>Connection error</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="140"/>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="149"/>
        <source>刚刚</source>
        <translation>just now</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="151"/>
        <source>%1秒</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="153"/>
        <source>%1分钟</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="155"/>
        <source>%1小时</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="156"/>
        <source>%1天</source>
        <translation>%1 d</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="169"/>
        <source>剩余 %1</source>
        <translation>%1 left</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="169"/>
        <source>超时 %1</source>
        <translation>Overdue %1</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="197"/>
        <source>未分类</source>
        <translation>Unclassified</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="222"/>
        <source>专职网格员</source>
        <translation>full-time grid worker</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="223"/>
        <source>兼职网格员</source>
        <translation>part-time grid worker</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="224"/>
        <source>网格长</source>
        <translation>grid chief</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="225"/>
        <source>民警</source>
        <translation>police officer</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="226"/>
        <source>楼栋长</source>
        <translation>building chief</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="227"/>
        <source>志愿者</source>
        <translation>volunteer</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../console/views/login_dialog.py" line="53"/>
        <source>密码错误</source>
        <translation>Wrong password</translation>
    </message>
    <message>
        <location filename="../../console/views/login_dialog.py" line="55"/>
        <source>账号已停用，请联系值班长</source>
        <translation>This account is disabled; please contact the supervisor</translation>
    </message>
    <message>
        <location filename="../../console/views/login_dialog.py" line="57"/>
        <source>账号已锁定至 %1（连续输错密码），请稍后再试</source>
        <translation>Account locked until %1 (too many wrong passwords); please try again later</translation>
    </message>
    <message>
        <location filename="../../console/views/login_dialog.py" line="60"/>
        <source>账号不存在</source>
        <translation>No such account</translation>
    </message>
    <message>
        <location filename="../../console/views/login_dialog.py" line="62"/>
        <source>该数据库中还没有账号，请先用 python main.py users add 创建</source>
        <translation>This database has no accounts yet; create one first with python main.py users add</translation>
    </message>
    <message>
        <location filename="../../console/views/login_dialog.py" line="73"/>
        <source>网格治理指挥台 — 登录</source>
        <translation>Grid Governance Command Console — Sign in</translation>
    </message>
    <message>
        <location filename="../../console/views/login_dialog.py" line="77"/>
        <source>网格治理指挥台</source>
        <translation>Grid Governance Command Console</translation>
    </message>
    <message>
        <location filename="../../console/views/login_dialog.py" line="88"/>
        <source>账号</source>
        <translation>Account</translation>
    </message>
    <message>
        <location filename="../../console/views/login_dialog.py" line="92"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../console/views/login_dialog.py" line="98"/>
        <source>席位：</source>
        <translation>Seat:</translation>
    </message>
    <message>
        <location filename="../../console/views/login_dialog.py" line="102"/>
        <source>数据库：</source>
        <translation>Database:</translation>
    </message>
    <message>
        <location filename="../../console/views/login_dialog.py" line="103"/>
        <source>账号：</source>
        <translation>Account:</translation>
    </message>
    <message>
        <location filename="../../console/views/login_dialog.py" line="104"/>
        <source>密码：</source>
        <translation>Password:</translation>
    </message>
    <message>
        <location filename="../../console/views/login_dialog.py" line="106"/>
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../../console/views/login_dialog.py" line="109"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../console/views/login_dialog.py" line="127"/>
        <source>请输入账号</source>
        <translation>Please enter the account</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../console/views/main_window.py" line="111"/>
        <source>网格治理指挥台 — %1</source>
        <translation>Grid Governance Command Console — %1</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="129"/>
        <source>本工作站未启用地图</source>
        <translation>The map is not enabled on this workstation</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="131"/>
        <source>本工作站未启用视频墙</source>
        <translation>The video wall is not enabled on this workstation</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="137"/>
        <source>通知</source>
        <translation>Notices</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="147"/>
        <source>事件队列</source>
        <translation>Event queue</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="152"/>
        <source>网格树</source>
        <translation>Grid tree</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="156"/>
        <source>事件详情</source>
        <translation>Event detail</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="161"/>
        <source>地图</source>
        <translation>Map</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="165"/>
        <source>视频墙</source>
        <translation>Video wall</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="218"/>
        <source>视图</source>
        <translation>View</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="224"/>
        <source>重置布局</source>
        <translation>Reset layout</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="227"/>
        <source>全屏</source>
        <translation>Full screen</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="233"/>
        <source>静音提示音</source>
        <translation>Mute alert sound</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="240"/>
        <source>语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="274"/>
        <source>界面语言将在重新启动后切换</source>
        <translation>The interface language changes after a restart</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="75"/>
        <source>载入中…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="121"/>
        <source>%1 · 席位 %2</source>
        <translation>%1 · seat %2</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="124"/>
        <source>（培训数据库）</source>
        <translation> (training database)</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="228"/>
        <source>摄像机</source>
        <translation>Cameras</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="277"/>
        <source>历史查询</source>
        <translation>History search</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="300"/>
        <source>超期督办</source>
        <translation>Overdue supervision</translation>
    </message>
    <message>
        <location filename="../../console/replay_app.py" line="108"/>
        <location filename="../../console/app.py" line="319"/>
        <source>指挥</source>
        <translation>Command</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="320"/>
        <source>一键下达…</source>
        <translation>Broadcast order…</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="326"/>
        <source>接管研判</source>
        <translation>Take over triage</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="334"/>
        <source>快捷键说明</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="339"/>
        <source>今日考核</source>
        <translation>Today&apos;s KPIs</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="363"/>
        <location filename="../../console/app.py" line="370"/>
        <source>主管大屏</source>
        <translation>Supervisor wall display</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="367"/>
        <source>报表</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="372"/>
        <source>导出日报/班次报表…</source>
        <translation>Export daily/shift report…</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="461"/>
        <source>没有待派遣的事件</source>
        <translation>No events awaiting dispatch</translation>
    </message>
    <message>
        <location filename="../../console/views/startup_errors.py" line="101"/>
        <source>网格治理指挥台</source>
        <translation>Grid Governance Command Console</translation>
    </message>
    <message>
        <location filename="../../console/training_app.py" line="50"/>
        <source>培训评分</source>
        <translation>Training score</translation>
    </message>
    <message>
        <location filename="../../console/training_app.py" line="54"/>
        <source>【培训】</source>
        <translation>[Training] </translation>
    </message>
</context>
<context>
    <name>MapCanvas</name>
    <message>
        <location filename="../../console/widgets/map_tiles.py" line="129"/>
        <source>底图瓦片无法解码：{0}</source>
        <translation>Base-map tile could not be decoded: {0}</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_overlays.py" line="125"/>
        <source>图例</source>
        <translation>Legend</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_overlays.py" line="126"/>
        <source>显示或收起图例</source>
        <translation>Show or hide the legend</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_overlays.py" line="194"/>
        <source>{0} 公里</source>
        <translation>{0} km</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_overlays.py" line="195"/>
        <source>{0} 米</source>
        <translation>{0} m</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_overlays.py" line="239"/>
        <source>北</source>
        <translation>N</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_overlays.py" line="263"/>
        <source>一般</source>
        <translation>General</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_overlays.py" line="263"/>
        <source>较大</source>
        <translation>Significant</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_overlays.py" line="263"/>
        <source>重大</source>
        <translation>Major</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_overlays.py" line="263"/>
        <source>特别重大</source>
        <translation>Critical</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_overlays.py" line="266"/>
        <source>超时</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_overlays.py" line="267"/>
        <source>不在任何网格内</source>
        <translation>Outside any grid</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_overlays.py" line="270"/>
        <source>网格员在岗</source>
        <translation>Grid worker on duty</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_overlays.py" line="271"/>
        <source>网格员执行任务</source>
        <translation>Grid worker on a task</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_overlays.py" line="272"/>
        <source>网格员位置过期</source>
        <translation>Grid worker position stale</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_overlays.py" line="273"/>
        <source>网格员下班</source>
        <translation>Grid worker off duty</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_overlays.py" line="121"/>
        <source>全图</source>
        <translation>Full extent</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_overlays.py" line="122"/>
        <source>回到全区视图</source>
        <translation>Back to the whole-district view</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_canvas.py" line="497"/>
        <source>事件密度（件/平方公里）</source>
        <translation>Event density (per km²)</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_canvas.py" line="497"/>
        <source>超时事件数</source>
        <translation>Overdue events</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_workers.py" line="95"/>
        <source>在岗</source>
        <translation>On duty</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_workers.py" line="95"/>
        <source>执行任务</source>
        <translation>On a task</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_workers.py" line="96"/>
        <source>位置过期</source>
        <translation>Position stale</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_workers.py" line="96"/>
        <source>下班</source>
        <translation>Off duty</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_workers.py" line="459"/>
        <source>步行约%1分钟</source>
        <translation>about %1 min on foot</translation>
    </message>
</context>
<context>
    <name>MapView</name>
    <message>
        <location filename="../../console/views/map_view.py" line="88"/>
        <source>按事件密度</source>
        <translation>By event density</translation>
    </message>
    <message>
        <location filename="../../console/views/map_view.py" line="89"/>
        <source>按超时数量</source>
        <translation>By overdue count</translation>
    </message>
    <message>
        <location filename="../../console/views/map_view.py" line="94"/>
        <source>全图</source>
        <translation>Full extent</translation>
    </message>
    <message>
        <location filename="../../console/views/map_view.py" line="245"/>
        <source>底图不可用：{0}（地图仍可使用）</source>
        <translation>Base map unavailable: {0} (the map still works)</translation>
    </message>
    <message>
        <location filename="../../console/views/map_view.py" line="35"/>
        <source>底图</source>
        <translation>Base map</translation>
    </message>
    <message>
        <location filename="../../console/views/map_view.py" line="36"/>
        <source>网格</source>
        <translation>Grids</translation>
    </message>
    <message>
        <location filename="../../console/views/map_view.py" line="37"/>
        <source>名称</source>
        <translation>Names</translation>
    </message>
    <message>
        <location filename="../../console/views/map_view.py" line="38"/>
        <source>警格</source>
        <translation>Police grids</translation>
    </message>
    <message>
        <location filename="../../console/views/map_view.py" line="39"/>
        <source>热力填色</source>
        <translation>Choropleth</translation>
    </message>
    <message>
        <location filename="../../console/views/map_view.py" line="40"/>
        <source>事件</source>
        <translation>Events</translation>
    </message>
    <message>
        <location filename="../../console/views/map_view.py" line="41"/>
        <source>网格员</source>
        <translation>Grid workers</translation>
    </message>
    <message>
        <location filename="../../console/views/map_view.py" line="42"/>
        <source>轨迹</source>
        <translation>Tracks</translation>
    </message>
    <message>
        <location filename="../../console/views/map_view.py" line="43"/>
        <source>巡查覆盖</source>
        <translation>Patrol coverage</translation>
    </message>
    <message>
        <location filename="../../console/views/map_view.py" line="44"/>
        <source>摄像头</source>
        <translation>Cameras</translation>
    </message>
</context>
<context>
    <name>Notices</name>
    <message>
        <location filename="../../console/views/notices.py" line="71"/>
        <source>关闭此通知</source>
        <translation>Dismiss this notice</translation>
    </message>
    <message>
        <location filename="../../console/views/notices.py" line="82"/>
        <source>点击选中该事件</source>
        <translation>Click to select this event</translation>
    </message>
    <message>
        <location filename="../../console/views/notices.py" line="120"/>
        <source>通知记录</source>
        <translation>Notice history</translation>
    </message>
    <message>
        <location filename="../../console/views/notices.py" line="121"/>
        <source>最近的确认和错误信息</source>
        <translation>Recent confirmations and errors</translation>
    </message>
    <message>
        <location filename="../../console/views/notices.py" line="184"/>
        <source>暂无通知</source>
        <translation>No notices yet</translation>
    </message>
</context>
<context>
    <name>Outcomes</name>
    <message>
        <location filename="../../console/views/outcome_text.py" line="54"/>
        <source>已派遣至 %1，时限 %2</source>
        <translation>Dispatched to %1, due %2</translation>
    </message>
    <message>
        <location filename="../../console/views/outcome_text.py" line="55"/>
        <source>已派遣至 %1</source>
        <translation>Dispatched to %1</translation>
    </message>
    <message>
        <location filename="../../console/views/outcome_text.py" line="58"/>
        <source>已合并为重复上报，并入：%1</source>
        <translation>Merged as a duplicate into: %1</translation>
    </message>
    <message>
        <location filename="../../console/views/outcome_text.py" line="61"/>
        <source>已在最高层级，无法继续上报</source>
        <translation>Already at the top tier; cannot escalate further</translation>
    </message>
    <message>
        <location filename="../../console/views/outcome_text.py" line="67"/>
        <source>已上报至%1</source>
        <translation>Escalated to %1</translation>
    </message>
    <message>
        <location filename="../../console/views/outcome_text.py" line="69"/>
        <source>已吹哨：%1</source>
        <translation>Whistle blown: %1</translation>
    </message>
    <message>
        <location filename="../../console/views/outcome_text.py" line="71"/>
        <source>（报到时限 %1）</source>
        <translation> (check in by %1)</translation>
    </message>
    <message>
        <location filename="../../console/views/outcome_text.py" line="75"/>
        <source>已延期至 %1，批准人 %2</source>
        <translation>Suspended until %1, approved by %2</translation>
    </message>
    <message>
        <location filename="../../console/views/outcome_text.py" line="78"/>
        <source>已立案</source>
        <translation>Filed</translation>
    </message>
    <message>
        <location filename="../../console/views/outcome_text.py" line="79"/>
        <source>已不予立案</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location filename="../../console/views/outcome_text.py" line="80"/>
        <source>已督办</source>
        <translation>Supervision sent</translation>
    </message>
    <message>
        <location filename="../../console/views/outcome_text.py" line="81"/>
        <source>已吹哨</source>
        <translation>Whistle blown</translation>
    </message>
    <message>
        <location filename="../../console/views/outcome_text.py" line="82"/>
        <source>已核查通过并结案</source>
        <translation>Verified and closed</translation>
    </message>
    <message>
        <location filename="../../console/views/outcome_text.py" line="83"/>
        <source>核查不通过，已退回处置单位重办</source>
        <translation>Verification failed; returned to the unit to redo</translation>
    </message>
    <message>
        <location filename="../../console/views/outcome_text.py" line="84"/>
        <source>已延期</source>
        <translation>Suspended</translation>
    </message>
    <message>
        <location filename="../../console/views/outcome_text.py" line="85"/>
        <source>已恢复办理</source>
        <translation>Resumed</translation>
    </message>
    <message>
        <location filename="../../console/views/outcome_text.py" line="86"/>
        <source>已重新打开</source>
        <translation>Reopened</translation>
    </message>
    <message>
        <location filename="../../console/views/outcome_text.py" line="88"/>
        <source>已完成</source>
        <translation>Done</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <location filename="../../console/qtmodels/queue_model.py" line="77"/>
        <source>级别</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/queue_model.py" line="78"/>
        <source>派遣倒计时</source>
        <translation>Dispatch timer</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/queue_model.py" line="79"/>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/queue_model.py" line="80"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/queue_model.py" line="81"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/queue_model.py" line="82"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/queue_model.py" line="83"/>
        <source>时长</source>
        <translation>Age</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/queue_model.py" line="84"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/queue_model.py" line="85"/>
        <source>责任单位</source>
        <translation>Assigned to</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/queue_model.py" line="380"/>
        <source>演练</source>
        <translation>Drill</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/queue_model.py" line="414"/>
        <source>%1 正在研判</source>
        <translation>%1 is triaging</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/queue_cells.py" line="129"/>
        <source>接收于 %1</source>
        <translation>Received %1</translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <location filename="../../console/views/queue_view.py" line="65"/>
        <source>搜索标题、描述、地址</source>
        <translation>Search title, description, address</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="68"/>
        <source>全部级别</source>
        <translation>All levels</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="72"/>
        <source>重大及以上</source>
        <translation>Major and above</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="76"/>
        <source>全部状态</source>
        <translation>All states</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="76"/>
        <source>待派遣</source>
        <translation>Awaiting dispatch</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="81"/>
        <source>全部来源</source>
        <translation>All sources</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="84"/>
        <source>全部类别</source>
        <translation>All categories</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="87"/>
        <source>只看我的</source>
        <translation>Mine only</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="88"/>
        <source>只看超期</source>
        <translation>Overdue only</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="92"/>
        <source>静音：新到重大/特别重大事件不再响铃</source>
        <translation>Mute: no bell for new major/critical events</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="97"/>
        <source>取消网格筛选</source>
        <translation>Clear grid filter</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="201"/>
        <source>网格：%1</source>
        <translation>Grid: %1</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="213"/>
        <source>显示 %1 / 共 %2 件</source>
        <translation>Showing %1 of %2</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="219"/>
        <source>已静音</source>
        <translation>Muted</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="219"/>
        <source>提示音</source>
        <translation>Sound on</translation>
    </message>
</context>
<context>
    <name>Reasons</name>
    <message>
        <location filename="../../console/qtmodels/reasons.py" line="23"/>
        <source>命中关键词：%1</source>
        <translation>Keywords found: %1</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/reasons.py" line="24"/>
        <source>命中关键词：%1（类别名“%2”）</source>
        <translation>Keywords found: %1 (and the category name “%2”)</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/reasons.py" line="25"/>
        <source>上报来源已分类</source>
        <translation>Classified by the reporting channel</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/reasons.py" line="26"/>
        <source>未命中关键词，请人工分类</source>
        <translation>No keyword found; classify by hand</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/reasons.py" line="27"/>
        <source>“%1”属%2类，责任部门为%3</source>
        <translation>“%1” belongs to %2; the responsible department is %3</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/reasons.py" line="28"/>
        <source>未分类事件，先交%1研判</source>
        <translation>Unclassified: %1 assesses it first</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/reasons.py" line="29"/>
        <source>本网格在岗%1：%2</source>
        <translation>On duty in this grid, %1: %2</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/reasons.py" line="30"/>
        <source>本网格无在岗人员，上溯至%1在岗%2：%3</source>
        <translation>Nobody on duty in this grid; in %1 the %2 on duty: %3</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/reasons.py" line="32"/>
        <source>本网格及上级网格均无在岗网格员</source>
        <translation>No grid worker on duty in this grid or any grid above it</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/reasons.py" line="33"/>
        <source>研判模型：%1（置信度%2）；依据：%3</source>
        <translation>Triage model: %1 (confidence %2); based on: %3</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/reasons.py" line="34"/>
        <source>把握不足（最高置信度%1），需人工研判；候选：%2</source>
        <translation>Not confident enough (highest confidence %1): manual triage needed; candidates: %2</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/reasons.py" line="36"/>
        <source>权责清单：“%1”由%2负责；责任网格：%3</source>
        <translation>Responsibility list: “%1” is handled by %2; responsible grid: %3</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/reasons.py" line="38"/>
        <source>步行最近的在岗%1：%2（直线%3米，步行约%4分钟）</source>
        <translation>Nearest on-duty %1 on foot: %2 (%3 m as the crow flies, about %4 min on foot)</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/reasons.py" line="40"/>
        <source>30分钟内无在岗网格员可到达：最近的%1步行约%2分钟</source>
        <translation>No on-duty grid worker can arrive within 30 min: the nearest, %1, is about %2 min away on foot</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/reasons.py" line="42"/>
        <source>同类（%1），相距%2米，间隔%3分钟</source>
        <translation>Same category (%1), %2 m away, %3 min apart</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/reasons.py" line="44"/>
        <source>同类（%1），相距%2米，间隔%3分钟，标题相似度%4</source>
        <translation>Same category (%1), %2 m away, %3 min apart, titles %4 alike</translation>
    </message>
</context>
<context>
    <name>Refusals</name>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="23"/>
        <source>事件当前状态为“%1”，不能%2</source>
        <translation>The event is “%1”: cannot %2</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="24"/>
        <source>不予立案必须填写理由</source>
        <translation>Rejecting an event needs a reason</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="25"/>
        <source>不能把事件合并到它自己</source>
        <translation>An event cannot be merged into itself</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="26"/>
        <source>目标事件 %1 已结案或不予立案，不能合并进去</source>
        <translation>Event %1 is closed or rejected; nothing can be merged into it</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="27"/>
        <source>派遣指令不能为空</source>
        <translation>The dispatch instruction must not be empty</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="28"/>
        <source>请选择至少一个处置单位</source>
        <translation>Choose at least one responsible unit</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="29"/>
        <source>事件已派遣给 %1，无需重复派遣</source>
        <translation>The event is already dispatched to %1; it need not be dispatched again</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="30"/>
        <source>请填写督办意见</source>
        <translation>Please write the supervision instruction</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="31"/>
        <source>至少选择一个部门</source>
        <translation>Select at least one department</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="32"/>
        <source>请填写吹哨事由</source>
        <translation>Please give a reason for the whistle</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="33"/>
        <source>延期须填写批准人</source>
        <translation>A suspension needs the approver</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="34"/>
        <source>请填写延期理由</source>
        <translation>Please give a reason for the suspension</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="35"/>
        <source>延期截止时间必须晚于现在</source>
        <translation>The suspension must end in the future</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="36"/>
        <source>请填写核查不通过的原因</source>
        <translation>Please give the reason the verification failed</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="37"/>
        <source>请填写重新打开的原因</source>
        <translation>Please give the reason for reopening</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="38"/>
        <source>事件正在由 %1 处理，请勿重复处置</source>
        <translation>The event is being handled by %1; do not act on it twice</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="39"/>
        <source>接管未成功：%1 已先接管该事件的研判</source>
        <translation>Take-over failed: %1 took over this event&apos;s triage first</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="40"/>
        <source>事件 %1 不存在</source>
        <translation>Event %1 does not exist</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="41"/>
        <source>处置单位 %1 不存在或已停用，请重新选择</source>
        <translation>Unit %1 does not exist or is inactive; choose again</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="42"/>
        <source>未知的事件类别：%1</source>
        <translation>Unknown event category: %1</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="43"/>
        <source>派遣指令未被事件中枢接受：%1；事件已恢复为派遣前状态</source>
        <translation>The hub did not accept the dispatch: %1; the event is back as it was before the dispatch</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="44"/>
        <source>未连接事件中枢，派遣指令无法送达，请检查数据连接</source>
        <translation>Not connected to the event hub: the dispatch cannot be delivered; check the feed connection</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="45"/>
        <source>事件 %1 已被其他席位或现场反馈更新，请刷新后重新研判</source>
        <translation>Event %1 was changed by another seat or by field feedback; look again and decide anew</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="46"/>
        <source>事件 %1 不在实时队列中</source>
        <translation>Event %1 is not in the live queue</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="47"/>
        <source>培训员账号不能在实战席位%1（只能在培训数据库中操作）</source>
        <translation>A trainer account cannot %1 at a live seat (only in the training database)</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="48"/>
        <source>%1账号只能查看，不能%2</source>
        <translation>%1 accounts can only view; they cannot %2</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="49"/>
        <source>%1账号不能%2，须由值班长账号操作</source>
        <translation>%1 accounts cannot %2; a supervisor account must do it</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="50"/>
        <source>事件 %1 不是下级上报的事件，不能退回</source>
        <translation>Event %1 was not escalated from a lower level; it cannot be returned</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="51"/>
        <source>退回时请填写处理意见</source>
        <translation>Please give a note when returning an event</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="52"/>
        <source>复盘模式：记录只读，不能修改</source>
        <translation>Replay mode: the record is read-only and cannot be changed</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="55"/>
        <location filename="../../console/qtmodels/refusals.py" line="80"/>
        <source>立案</source>
        <translation>file it</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="56"/>
        <location filename="../../console/qtmodels/refusals.py" line="81"/>
        <source>不予立案</source>
        <translation>reject it</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="57"/>
        <source>合并</source>
        <translation>merge it</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="58"/>
        <location filename="../../console/qtmodels/refusals.py" line="83"/>
        <source>派遣</source>
        <translation>dispatch it</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="59"/>
        <location filename="../../console/qtmodels/refusals.py" line="85"/>
        <source>上报</source>
        <translation>escalate it</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="60"/>
        <source>督办（仅对已派遣、处置中的事件）</source>
        <translation>supervise it (only dispatched work in progress)</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="61"/>
        <location filename="../../console/qtmodels/refusals.py" line="87"/>
        <source>吹哨</source>
        <translation>summon departments</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="62"/>
        <source>延期</source>
        <translation>suspend it</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="63"/>
        <source>恢复（事件未挂起）</source>
        <translation>resume it (it is not suspended)</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="64"/>
        <source>核查（仅已处置待核查的事件）</source>
        <translation>verify it (only resolved events awaiting verification)</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="65"/>
        <source>重新打开</source>
        <translation>reopen it</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="66"/>
        <source>转为该状态</source>
        <translation>move it to that state</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="67"/>
        <source>退回下级</source>
        <translation>return it to the lower level</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="72"/>
        <source>值班员</source>
        <translation>Duty officer</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="73"/>
        <source>值班长</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="74"/>
        <source>培训员</source>
        <translation>Trainer</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="75"/>
        <source>大屏</source>
        <translation>Wall display</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="78"/>
        <source>认领事件</source>
        <translation>claim events</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="79"/>
        <source>接管其他席位认领的事件</source>
        <translation>take over events claimed by another seat</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="82"/>
        <source>合并事件</source>
        <translation>merge events</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="84"/>
        <source>撤回派遣</source>
        <translation>withdraw a dispatch</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="86"/>
        <source>督办</source>
        <translation>supervise</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="88"/>
        <source>批准延期（挂起）</source>
        <translation>approve a suspension</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="89"/>
        <source>恢复</source>
        <translation>resume events</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="90"/>
        <location filename="../../console/qtmodels/refusals.py" line="91"/>
        <source>核查</source>
        <translation>verify events</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="92"/>
        <source>重新打开事件</source>
        <translation>reopen events</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="93"/>
        <source>一键下达</source>
        <translation>broadcast orders</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="94"/>
        <source>记录处置日志</source>
        <translation>log handling notes</translation>
    </message>
</context>
<context>
    <name>Replay</name>
    <message>
        <location filename="../../console/views/replay_view.py" line="42"/>
        <location filename="../../console/views/replay_view.py" line="52"/>
        <location filename="../../console/replay_app.py" line="95"/>
        <source>复盘模式 · 非实时</source>
        <translation>Replay mode · not live</translation>
    </message>
    <message>
        <location filename="../../console/views/replay_view.py" line="46"/>
        <source>播放中 %1×</source>
        <translation>Playing %1×</translation>
    </message>
    <message>
        <location filename="../../console/views/replay_view.py" line="46"/>
        <source>已暂停</source>
        <translation>Paused</translation>
    </message>
    <message>
        <location filename="../../console/views/replay_view.py" line="87"/>
        <source>◀ 上一动作</source>
        <translation>◀ Previous action</translation>
    </message>
    <message>
        <location filename="../../console/views/replay_view.py" line="90"/>
        <source>下一动作 ▶</source>
        <translation>Next action ▶</translation>
    </message>
    <message>
        <location filename="../../console/views/replay_view.py" line="99"/>
        <source>跳到所选事件接报时刻</source>
        <translation>Jump to the selected event&apos;s arrival</translation>
    </message>
    <message>
        <location filename="../../console/views/replay_view.py" line="101"/>
        <location filename="../../console/views/replay_view.py" line="183"/>
        <source>加书签</source>
        <translation>Add bookmark</translation>
    </message>
    <message>
        <location filename="../../console/views/replay_view.py" line="103"/>
        <location filename="../../console/views/replay_view.py" line="183"/>
        <source>写培训笔记</source>
        <translation>Write training note</translation>
    </message>
    <message>
        <location filename="../../console/views/replay_view.py" line="109"/>
        <source>速度</source>
        <translation>Speed</translation>
    </message>
    <message>
        <location filename="../../console/views/replay_view.py" line="128"/>
        <source>❚❚ 暂停</source>
        <translation>❚❚ Pause</translation>
    </message>
    <message>
        <location filename="../../console/views/replay_view.py" line="128"/>
        <source>▶ 播放</source>
        <translation>▶ Play</translation>
    </message>
    <message>
        <location filename="../../console/views/replay_view.py" line="148"/>
        <source>导出 CSV</source>
        <translation>Export CSV</translation>
    </message>
    <message>
        <location filename="../../console/views/replay_view.py" line="150"/>
        <source>导出 JSON</source>
        <translation>Export JSON</translation>
    </message>
    <message>
        <location filename="../../console/views/replay_view.py" line="152"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../console/views/replay_view.py" line="164"/>
        <source>书签</source>
        <translation>Bookmark</translation>
    </message>
    <message>
        <location filename="../../console/views/replay_view.py" line="164"/>
        <source>笔记</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../console/views/replay_view.py" line="184"/>
        <source>书签名称：</source>
        <translation>Bookmark name:</translation>
    </message>
    <message>
        <location filename="../../console/views/replay_view.py" line="184"/>
        <source>笔记内容：</source>
        <translation>Note text:</translation>
    </message>
    <message>
        <location filename="../../console/replay_app.py" line="97"/>
        <location filename="../../console/replay_app.py" line="376"/>
        <source>复盘</source>
        <translation>Replay</translation>
    </message>
    <message>
        <location filename="../../console/replay_app.py" line="113"/>
        <source>复盘时间轴</source>
        <translation>Replay timeline</translation>
    </message>
    <message>
        <location filename="../../console/replay_app.py" line="115"/>
        <source>书签与笔记</source>
        <translation>Bookmarks and notes</translation>
    </message>
    <message>
        <location filename="../../console/replay_app.py" line="290"/>
        <source>导出书签与笔记</source>
        <translation>Export bookmarks and notes</translation>
    </message>
    <message>
        <location filename="../../console/replay_app.py" line="294"/>
        <source>已导出 %1 条</source>
        <translation>%1 exported</translation>
    </message>
    <message>
        <location filename="../../console/replay_app.py" line="356"/>
        <source>正在载入复盘记录并建立快照…</source>
        <translation>Loading the recording and building snapshots…</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <location filename="../../console/views/login_dialog.py" line="36"/>
        <source>值班员</source>
        <translation>Duty officer</translation>
    </message>
    <message>
        <location filename="../../console/views/login_dialog.py" line="37"/>
        <source>值班长</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../../console/views/login_dialog.py" line="38"/>
        <source>培训员</source>
        <translation>Trainer</translation>
    </message>
    <message>
        <location filename="../../console/views/login_dialog.py" line="39"/>
        <source>大屏</source>
        <translation>Wall display</translation>
    </message>
    <message>
        <location filename="../../console/views/login_dialog.py" line="45"/>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>Score</name>
    <message>
        <location filename="../../console/views/score_report.py" line="29"/>
        <source>一致</source>
        <translation>Match</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="29"/>
        <source>不一致</source>
        <translation>Differs</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="29"/>
        <source>未派遣</source>
        <translation>Not dispatched</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="30"/>
        <source>无需派遣</source>
        <translation>No dispatch needed</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="30"/>
        <source>原值班员未派遣</source>
        <translation>Not dispatched by the original officer</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="31"/>
        <source>正确</source>
        <translation>Correct</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="31"/>
        <location filename="../../console/views/score_report.py" line="49"/>
        <source>应上报未上报</source>
        <translation>Missed escalation</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="31"/>
        <location filename="../../console/views/score_report.py" line="50"/>
        <source>不必要的上报</source>
        <translation>Needless escalation</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="32"/>
        <location filename="../../console/views/score_report.py" line="52"/>
        <source>核查后结案</source>
        <translation>Closed after verification</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="32"/>
        <location filename="../../console/views/score_report.py" line="53"/>
        <source>待核查</source>
        <translation>Awaiting verification</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="33"/>
        <source>未核查即结案</source>
        <translation>Closed without verification</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="33"/>
        <source>处理中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="40"/>
        <source>事件数</source>
        <translation>Events</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="41"/>
        <source>需派遣</source>
        <translation>Needing dispatch</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="42"/>
        <source>已派遣</source>
        <translation>Dispatched</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="43"/>
        <source>派遣用时中位数</source>
        <translation>Median time to dispatch</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="44"/>
        <source>派遣用时p90</source>
        <translation>Time to dispatch p90</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="45"/>
        <source>60秒内派遣率</source>
        <translation>Dispatched within 60 s</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="46"/>
        <source>部门与职责清单一致率</source>
        <translation>Department matches the responsibility list</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="47"/>
        <source>部门与原值班员一致率</source>
        <translation>Department matches the original officer</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="48"/>
        <source>上报次数</source>
        <translation>Escalations</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="51"/>
        <source>造成超时</source>
        <translation>Deadlines missed</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="88"/>
        <location filename="../../console/views/score_report.py" line="159"/>
        <source>培训评分报告</source>
        <translation>Training score report</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="89"/>
        <source>学员</source>
        <translation>Trainee</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="90"/>
        <source>录制时段</source>
        <translation>Recorded period</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="91"/>
        <source>已播放</source>
        <translation>Played</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="92"/>
        <source>录制库</source>
        <translation>Recording</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="93"/>
        <source>生成时间</source>
        <translation>Generated</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="94"/>
        <source>汇总（与原值班员对比）</source>
        <translation>Totals (compared with the original officer)</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="95"/>
        <source>指标</source>
        <translation>Figure</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="96"/>
        <source>原值班员</source>
        <translation>Original officer</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="97"/>
        <source>逐件评分</source>
        <translation>Event by event</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="122"/>
        <source>事件</source>
        <translation>Event</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="122"/>
        <source>派遣用时</source>
        <translation>Time to dispatch</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="122"/>
        <source>原值班员用时</source>
        <translation>Original officer&apos;s time</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="123"/>
        <source>派遣部门</source>
        <translation>Department dispatched</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="123"/>
        <source>对照职责清单</source>
        <translation>Vs. responsibility list</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="123"/>
        <source>对照原值班员</source>
        <translation>Vs. original officer</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="124"/>
        <source>上报</source>
        <translation>Escalation</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="124"/>
        <source>超时</source>
        <translation>Deadlines missed</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="124"/>
        <source>核查</source>
        <translation>Verification</translation>
    </message>
</context>
<context>
    <name>ScoreDock</name>
    <message>
        <location filename="../../console/views/score_dock.py" line="56"/>
        <source>培训评分：等待第一件事件…</source>
        <translation>Training score: waiting for the first event…</translation>
    </message>
    <message>
        <location filename="../../console/views/score_dock.py" line="59"/>
        <source>指标</source>
        <translation>Figure</translation>
    </message>
    <message>
        <location filename="../../console/views/score_dock.py" line="59"/>
        <source>学员</source>
        <translation>Trainee</translation>
    </message>
    <message>
        <location filename="../../console/views/score_dock.py" line="59"/>
        <location filename="../../console/views/score_dock.py" line="61"/>
        <source>原值班员</source>
        <translation>Original officer</translation>
    </message>
    <message>
        <location filename="../../console/views/score_dock.py" line="61"/>
        <source>事件</source>
        <translation>Event</translation>
    </message>
    <message>
        <location filename="../../console/views/score_dock.py" line="61"/>
        <source>派遣用时</source>
        <translation>Time to dispatch</translation>
    </message>
    <message>
        <location filename="../../console/views/score_dock.py" line="62"/>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../console/views/score_dock.py" line="62"/>
        <source>上报</source>
        <translation>Escalation</translation>
    </message>
    <message>
        <location filename="../../console/views/score_dock.py" line="62"/>
        <source>核查</source>
        <translation>Verification</translation>
    </message>
    <message>
        <location filename="../../console/views/score_dock.py" line="122"/>
        <source>学员 %1 · 已播放 %2/%3 件 · 目标：60秒内派遣</source>
        <translation>Trainee %1 · %2/%3 events played · target: dispatch within 60 s</translation>
    </message>
    <message>
        <location filename="../../console/views/score_dock.py" line="148"/>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>Scrubber</name>
    <message>
        <location filename="../../console/widgets/scrubber.py" line="37"/>
        <source>重大事件</source>
        <translation>Major event</translation>
    </message>
    <message>
        <location filename="../../console/widgets/scrubber.py" line="38"/>
        <source>超时</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../console/widgets/scrubber.py" line="39"/>
        <source>上报</source>
        <translation>Escalation</translation>
    </message>
    <message>
        <location filename="../../console/widgets/scrubber.py" line="40"/>
        <source>吹哨</source>
        <translation>Whistle</translation>
    </message>
    <message>
        <location filename="../../console/widgets/scrubber.py" line="41"/>
        <source>书签</source>
        <translation>Bookmark</translation>
    </message>
    <message>
        <location filename="../../console/widgets/scrubber.py" line="59"/>
        <source>每分钟接报</source>
        <translation>Reports per minute</translation>
    </message>
</context>
<context>
    <name>SlaBadge</name>
    <message>
        <location filename="../../console/widgets/sla_badge.py" line="62"/>
        <source>无时限</source>
        <translation>No deadline</translation>
    </message>
    <message>
        <location filename="../../console/widgets/sla_badge.py" line="66"/>
        <source>超时 %1</source>
        <translation>Overdue %1</translation>
    </message>
    <message>
        <location filename="../../console/widgets/sla_badge.py" line="70"/>
        <location filename="../../console/widgets/sla_badge.py" line="72"/>
        <source>剩余 %1</source>
        <translation>%1 left</translation>
    </message>
</context>
<context>
    <name>StartupError</name>
    <message>
        <location filename="../../console/views/startup_errors.py" line="22"/>
        <source>%1：不是有效的数据库地址（%2）</source>
        <translation>%1: not a valid database URL (%2)</translation>
    </message>
    <message>
        <location filename="../../console/views/startup_errors.py" line="24"/>
        <source>%1：无法使用数据目录 %2，它已存在但不是目录</source>
        <translation>%1: cannot use the data directory %2: it exists but is not a directory</translation>
    </message>
    <message>
        <location filename="../../console/views/startup_errors.py" line="26"/>
        <source>%1：无法创建数据目录 %2（%3）</source>
        <translation>%1: cannot create the data directory %2 (%3)</translation>
    </message>
    <message>
        <location filename="../../console/views/startup_errors.py" line="28"/>
        <source>%1：数据目录 %2 不可写</source>
        <translation>%1: the data directory %2 is not writable</translation>
    </message>
    <message>
        <location filename="../../console/views/startup_errors.py" line="30"/>
        <source>%1：这是一个目录，不是数据库文件</source>
        <translation>%1: this is a directory, not a database file</translation>
    </message>
    <message>
        <location filename="../../console/views/startup_errors.py" line="32"/>
        <source>%1：数据库文件不可写（只读或没有权限）</source>
        <translation>%1: the database file is not writable (read-only or permission denied)</translation>
    </message>
    <message>
        <location filename="../../console/views/startup_errors.py" line="34"/>
        <source>%1：无法读取数据库文件（%2）</source>
        <translation>%1: cannot read the database file (%2)</translation>
    </message>
    <message>
        <location filename="../../console/views/startup_errors.py" line="36"/>
        <source>%1：不是 SQLite 数据库（文件已损坏或是其他类型的文件），文件未作任何改动</source>
        <translation>%1: not a SQLite database (corrupt or another kind of file); the file was left untouched</translation>
    </message>
    <message>
        <location filename="../../console/views/startup_errors.py" line="38"/>
        <source>%1：无法打开数据库文件（%2）</source>
        <translation>%1: cannot open the database file (%2)</translation>
    </message>
    <message>
        <location filename="../../console/views/startup_errors.py" line="40"/>
        <source>%1：数据库文件已损坏或无法读取（%2），文件未作任何改动</source>
        <translation>%1: the database file is corrupt or unreadable (%2); the file was left untouched</translation>
    </message>
    <message>
        <location filename="../../console/views/startup_errors.py" line="43"/>
        <source>%1：属于其他应用程序（SQLite application_id %2），不是指挥台数据库，文件未作任何改动</source>
        <translation>%1: belongs to another application (SQLite application_id %2), not a console database; the file was left untouched</translation>
    </message>
    <message>
        <location filename="../../console/views/startup_errors.py" line="46"/>
        <source>%1：不是指挥台数据库（其中有其他数据表：%2），拒绝迁移或覆盖</source>
        <translation>%1: not a console database (it has other tables: %2); refusing to migrate or overwrite it</translation>
    </message>
    <message>
        <location filename="../../console/views/startup_errors.py" line="49"/>
        <source>%1：数据库结构（修订 %2，版本 %3）比本指挥台支持的（修订 %4，版本 %5）更新，请升级指挥台；数据库未作任何改动</source>
        <translation>%1: the database schema (revision %2, version %3) is newer than this console supports (revision %4, version %5); upgrade the console. The database was left untouched</translation>
    </message>
    <message>
        <location filename="../../console/views/startup_errors.py" line="52"/>
        <source>%1：机房数据库的结构（修订 %2）比本指挥台（修订 %3，版本 %4）旧；它由所有席位共用，打开时不会自动升级。请在所有席位都更新到本版本后，运行 python main.py db upgrade --db &lt;地址&gt; 升级</source>
        <translation>%1: the room database&apos;s schema (revision %2) is older than this console&apos;s (revision %3, version %4); it is shared by every seat and is not upgraded on opening. Once every seat runs this version, upgrade it with python main.py db upgrade --db URL</translation>
    </message>
    <message>
        <location filename="../../console/views/startup_errors.py" line="55"/>
        <source>%1：指挥台数据库缺少结构修订号（可能已损坏），文件未作任何改动</source>
        <translation>%1: console database without a schema revision (damaged?); the file was left untouched</translation>
    </message>
    <message>
        <location filename="../../console/views/startup_errors.py" line="57"/>
        <source>%1：无法打开数据库（%2）</source>
        <translation>%1: cannot open the database (%2)</translation>
    </message>
    <message>
        <location filename="../../console/views/startup_errors.py" line="62"/>
        <source>无法打开数据库：%1</source>
        <translation>Cannot open the database: %1</translation>
    </message>
    <message>
        <location filename="../../console/views/startup_errors.py" line="63"/>
        <source>辖区数据有误，无法载入：%1</source>
        <translation>The district data cannot be loaded: %1</translation>
    </message>
    <message>
        <location filename="../../console/views/startup_errors.py" line="64"/>
        <source>时限规则表（sla.toml）有误：%1</source>
        <translation>The time-limit table (sla.toml) is invalid: %1</translation>
    </message>
    <message>
        <location filename="../../console/views/startup_errors.py" line="65"/>
        <source>数据连接地址无效：%1（应为 ws://主机:端口/feed）</source>
        <translation>Invalid feed URL: %1 (expected ws://host:port/feed)</translation>
    </message>
    <message>
        <location filename="../../console/views/startup_errors.py" line="66"/>
        <source>数据连接令牌无法使用：%1</source>
        <translation>Feed token cannot be used: %1</translation>
    </message>
    <message>
        <location filename="../../console/views/startup_errors.py" line="67"/>
        <source>数据连接的 TLS 设置有误：%1</source>
        <translation>Feed TLS setting is wrong: %1</translation>
    </message>
    <message>
        <location filename="../../console/views/startup_errors.py" line="68"/>
        <source>无法登录：%1</source>
        <translation>Cannot sign in: %1</translation>
    </message>
    <message>
        <location filename="../../console/views/startup_errors.py" line="69"/>
        <source>上下级链路配置有误：%1</source>
        <translation>The level link configuration is invalid: %1</translation>
    </message>
    <message>
        <location filename="../../console/views/startup_errors.py" line="70"/>
        <source>网格员定位（MQTT）设置有误：%1</source>
        <translation>Worker positions (MQTT) settings are wrong: %1</translation>
    </message>
    <message>
        <location filename="../../console/views/startup_errors.py" line="71"/>
        <source>无法启动：%1</source>
        <translation>Cannot start: %1</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../../console/views/status_bar.py" line="77"/>
        <source>未连接</source>
        <translation>Not connected</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="81"/>
        <source>数据连接状态…</source>
        <translation>Feed connection status…</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="87"/>
        <source>中枢日志已重置</source>
        <translation>Hub log reset</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="142"/>
        <source>接入写入：本席位</source>
        <translation>Intake writer: this seat</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="145"/>
        <source>接入写入：%1</source>
        <translation>Intake writer: %1</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="39"/>
        <source>本席位不接入数据源，由%1写入</source>
        <translation>This seat does not take in the feed; %1 writes it</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="154"/>
        <source>接入写入：无（接管中…）</source>
        <translation>Intake writer: none (taking over…)</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="156"/>
        <source>本席位不接入数据源，等待其他席位接管写入…</source>
        <translation>This seat does not take in the feed; waiting for another seat to take over the intake…</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="173"/>
        <source>本席位不接入数据源，由%1写入（%2）</source>
        <translation>This seat does not take in the feed; %1 writes it (%2)</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="185"/>
        <source>载入在办事件 %1 / %2…</source>
        <translation>Loading open events %1 / %2…</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="220"/>
        <source>写入席位的数据连接（更新于 %1）：%2</source>
        <translation>The writing seat&apos;s feed connection (updated %1): %2</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="225"/>
        <source>未连接事件中枢</source>
        <translation>Not connected to the event hub</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="228"/>
        <source>数据连接：%1</source>
        <translation>Feed: %1</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="229"/>
        <source>状态：%1</source>
        <translation>State: %1</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="236"/>
        <source>单击查看数据连接状态</source>
        <translation>Click for the feed connection status</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="253"/>
        <source>%1（未加密）</source>
        <translation>%1 (not encrypted)</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="263"/>
        <source>积压 %1</source>
        <translation>Lag %1</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="267"/>
        <source>序号 %1</source>
        <translation>Seq %1</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="276"/>
        <source>隔离 %1</source>
        <translation>Quarantined %1</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="282"/>
        <source>接收速率 %1 条/秒</source>
        <translation>Receiving %1 msgs/s</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="291"/>
        <source>已连接</source>
        <translation>Connected</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="292"/>
        <source>连接中</source>
        <translation>Connecting</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="293"/>
        <location filename="../../console/views/status_bar.py" line="295"/>
        <source>已断开</source>
        <translation>Disconnected</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="294"/>
        <source>凭据被拒绝</source>
        <translation>Credentials refused</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="296"/>
        <source>已停止</source>
        <translation>Stopped</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="298"/>
        <source>上下级链路：%1 · 待上行 %2 · 待下行 %3</source>
        <translation>Level link: %1 · %2 waiting up · %3 waiting down</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="302"/>
        <source>链路服务器：%1</source>
        <translation>Link servers: %1</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="303"/>
        <source>最近确认：%1</source>
        <translation>Last acknowledged: %1</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="306"/>
        <source>隔离消息 %1 条</source>
        <translation>%1 messages quarantined</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="318"/>
        <source>网格员定位：已连接</source>
        <translation>Worker positions: connected</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="319"/>
        <source>网格员定位：已断开，重试中</source>
        <translation>Worker positions: disconnected, retrying</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="320"/>
        <source>网格员定位：MQTT 用户名或密码被拒绝</source>
        <translation>Worker positions: MQTT user name or password refused</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="321"/>
        <source>网格员定位：TLS 握手失败</source>
        <translation>Worker positions: TLS handshake failed</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="322"/>
        <source>网格员定位：%1</source>
        <translation>Worker positions: %1</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="324"/>
        <source>定位服务器：%1</source>
        <translation>Positions broker: %1</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="328"/>
        <source>请检查 --mqtt-user 与 --mqtt-password-file（或服务器的密码文件）</source>
        <translation>Check --mqtt-user and --mqtt-password-file (or the broker&apos;s password file)</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="337"/>
        <source>SLA 时限表有误，仍使用上一版：%1</source>
        <translation>The SLA table is invalid; the previous one stays in force: %1</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="363"/>
        <source>在办 %1 · 超期 %2</source>
        <translation>Open %1 · Overdue %2</translation>
    </message>
</context>
<context>
    <name>Training</name>
    <message>
        <location filename="../../console/views/training_overlay.py" line="19"/>
        <source>培训模式</source>
        <translation>Training mode</translation>
    </message>
</context>
<context>
    <name>TriageMenu</name>
    <message>
        <location filename="../../console/views/triage_menu.py" line="33"/>
        <source>研判</source>
        <translation>Triage</translation>
    </message>
    <message>
        <location filename="../../console/views/triage_menu.py" line="34"/>
        <source>重新载入权责清单</source>
        <translation>Reload the responsibility list</translation>
    </message>
    <message>
        <location filename="../../console/views/triage_menu.py" line="36"/>
        <source>研判模型回退到上一版本</source>
        <translation>Roll the triage model back to the previous version</translation>
    </message>
    <message>
        <location filename="../../console/views/triage_menu.py" line="58"/>
        <source>研判模型回退中…</source>
        <translation>Rolling the triage model back…</translation>
    </message>
    <message>
        <location filename="../../console/views/triage_menu.py" line="66"/>
        <source>权责清单有误，继续使用上一版：%1</source>
        <translation>The responsibility list is invalid; the previous one stays in use: %1</translation>
    </message>
    <message>
        <location filename="../../console/views/triage_menu.py" line="68"/>
        <source>权责清单已载入：%1 项事项</source>
        <translation>Responsibility list loaded: %1 matters</translation>
    </message>
    <message>
        <location filename="../../console/views/triage_menu.py" line="76"/>
        <source>研判模型已切换到版本 %1</source>
        <translation>Triage model switched to version %1</translation>
    </message>
</context>
<context>
    <name>VideoTile</name>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="137"/>
        <source>截图</source>
        <translation>Snapshot</translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="138"/>
        <source>把当前画面附加到选中的事件</source>
        <translation>Attach the current frame to the selected event</translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="265"/>
        <source>该摄像机没有配置视频地址</source>
        <translation>This camera has no stream address configured</translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="320"/>
        <source>视频源没有可播放的画面（编码不支持或只有音频）</source>
        <translation>The source has no playable video (unsupported codec or audio only)</translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="328"/>
        <source>视频流中断</source>
        <translation>Video stream interrupted</translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="330"/>
        <source>视频数据无法解析</source>
        <translation>Video data could not be decoded</translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="335"/>
        <source>连接超时，没有收到画面</source>
        <translation>Connection timed out; no video received</translation>
    </message>
    <message numerus="yes">
        <location filename="../../console/widgets/video_tile.py" line="338"/>
        <source>画面停止超过 %n 秒</source>
        <translation>
            <numerusform>Picture frozen for more than %n second</numerusform>
            <numerusform>Picture frozen for more than %n seconds</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="360"/>
        <source>空闲窗格</source>
        <translation>Empty pane</translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="377"/>
        <source>连接中</source>
        <translation>Connecting</translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="378"/>
        <source>● 直播</source>
        <translation>● Live</translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="379"/>
        <source>● 信号丢失</source>
        <translation>● Signal lost</translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="380"/>
        <source>暂停</source>
        <translation>Paused</translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="391"/>
        <source>正在连接视频源……</source>
        <translation>Connecting to the video source…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../console/widgets/video_tile.py" line="395"/>
        <source>%n 秒后重试</source>
        <translation>
            <numerusform>Retrying in %n second</numerusform>
            <numerusform>Retrying in %n seconds</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="396"/>
        <source>信号丢失</source>
        <translation>Signal lost</translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="398"/>
        <source>窗格不可见，已暂停解码</source>
        <translation>Pane hidden; decoding paused</translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="400"/>
        <source>把摄像机拖到这里</source>
        <translation>Drag a camera here</translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="462"/>
        <source>无法打开视频源（地址不可达、资源不存在或连接被拒绝）</source>
        <translation>Cannot open the video source (address unreachable, resource not found or connection refused)</translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="464"/>
        <source>视频格式或编码不受支持，数据无法解析</source>
        <translation>Unsupported video format or codec; the data could not be decoded</translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="466"/>
        <source>网络错误，视频流中断</source>
        <translation>Network error; video stream interrupted</translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="468"/>
        <source>无权访问该视频源</source>
        <translation>Access to this video source is denied</translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="469"/>
        <source>播放出错</source>
        <translation>Playback error</translation>
    </message>
</context>
<context>
    <name>VideoWall</name>
    <message>
        <location filename="../../console/views/video_wall.py" line="87"/>
        <source>单画面</source>
        <translation>Single</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="88"/>
        <source>1+5</source>
        <translation>1+5</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="95"/>
        <source> 秒</source>
        <translation> s</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="96"/>
        <location filename="../../console/views/video_wall.py" line="112"/>
        <source>轮巡间隔</source>
        <translation>Tour interval</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="98"/>
        <location filename="../../console/views/video_wall.py" line="486"/>
        <source>停止轮巡</source>
        <translation>Stop tours</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="102"/>
        <source>跟随事件</source>
        <translation>Follow event</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="103"/>
        <source>选中事件时，自动切换到能看到事发地点的摄像机</source>
        <translation>When an event is selected, switch automatically to cameras that can see its location</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="110"/>
        <source>布局</source>
        <translation>Layout</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="194"/>
        <source>未知的摄像机：%1</source>
        <translation>Unknown camera: %1</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="341"/>
        <source>事件附近没有摄像机</source>
        <translation>No cameras near this event</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="343"/>
        <source>跟随事件：%1</source>
        <translation>Following event: %1</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="352"/>
        <source>拖入的摄像机不在登记表中</source>
        <translation>The dropped camera is not in the camera register</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="362"/>
        <source>截图服务不可用</source>
        <translation>Snapshot service unavailable</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="365"/>
        <source>请先选择一个事件，再截图</source>
        <translation>Select an event first, then take the snapshot</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="369"/>
        <source>该窗格当前没有画面</source>
        <translation>This pane has no picture right now</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="381"/>
        <source>截图保存失败：%1</source>
        <translation>Failed to save the snapshot: %1</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="383"/>
        <source>截图已附加到事件 %1</source>
        <translation>Snapshot attached to event %1</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="396"/>
        <source>网格：%1</source>
        <translation>Grid: %1</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="397"/>
        <source>标签：%1</source>
        <translation>Tag: %1</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="405"/>
        <source>该分组没有摄像机</source>
        <translation>This group has no cameras</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="420"/>
        <source>轮巡中：%1</source>
        <translation>Touring: %1</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="452"/>
        <source>轮巡</source>
        <translation>Tour</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="475"/>
        <source>还原</source>
        <translation>Restore</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="475"/>
        <source>放大</source>
        <translation>Enlarge</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="477"/>
        <source>本窗格轮巡</source>
        <translation>Tour in this pane</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="478"/>
        <source>整墙轮巡</source>
        <translation>Tour the whole wall</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="489"/>
        <source>截图到选中事件</source>
        <translation>Snapshot to selected event</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="492"/>
        <source>清空窗格</source>
        <translation>Clear pane</translation>
    </message>
</context>
<context>
    <name>Wall</name>
    <message>
        <location filename="../../console/views/wall/controller.py" line="110"/>
        <source>数据源不可达（%1），%2 秒后重试；显示的是上次的数据</source>
        <translation>Data source unreachable (%1); retrying in %2 s; showing the last data</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="55"/>
        <source>12345热线</source>
        <translation>12345 hotline</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="55"/>
        <source>智慧城管</source>
        <translation>Smart city mgmt</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="56"/>
        <source>网格员APP</source>
        <translation>Grid worker app</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="56"/>
        <source>110分流</source>
        <translation>110 referral</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="57"/>
        <source>信访</source>
        <translation>Petition</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="57"/>
        <source>视频AI</source>
        <translation>Video AI</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="58"/>
        <source>物联感知</source>
        <translation>IoT sensor</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="58"/>
        <source>来访</source>
        <translation>Walk-in</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="58"/>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="62"/>
        <source>态势地图</source>
        <translation>Situation map</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="62"/>
        <source>考核指标</source>
        <translation>Performance figures</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="62"/>
        <source>超期与督办</source>
        <translation>Overdue and supervised</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="62"/>
        <source>吹哨报到</source>
        <translation>Whistle / check-in</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="63"/>
        <source>排行榜</source>
        <translation>Rankings</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="63"/>
        <source>接报趋势</source>
        <translation>Intake trend</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="63"/>
        <location filename="../../console/views/wall/window.py" line="181"/>
        <source>告警接管</source>
        <translation>Alarm takeover</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="72"/>
        <location filename="../../console/views/wall/pages.py" line="398"/>
        <source>办结率</source>
        <translation>Closure rate</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="72"/>
        <source>按时办结率</source>
        <translation>On-time closure rate</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="73"/>
        <source>现场处置率</source>
        <translation>On-site disposal rate</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="74"/>
        <source>平均处置时长</source>
        <translation>Avg. handling time</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="75"/>
        <source>派遣p90</source>
        <translation>Dispatch p90</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="75"/>
        <source>部门响应率</source>
        <translation>Dept. response rate</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="76"/>
        <source>在办</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="76"/>
        <source>超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="77"/>
        <source>本班巡查覆盖率</source>
        <translation>Patrol coverage (this shift)</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="89"/>
        <source>%1天%2小时</source>
        <translation>%1 d %2 h</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="91"/>
        <source>%1小时%2分</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="92"/>
        <source>%1分钟</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="135"/>
        <source>尚无数据</source>
        <translation>No data yet</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="145"/>
        <source>数据更新于 %1</source>
        <translation>Data updated at %1</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="247"/>
        <source>较昨日</source>
        <translation>vs. yesterday</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="250"/>
        <source>较7日均</source>
        <translation>vs. 7-day avg.</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="253"/>
        <source>更新 %1</source>
        <translation>Updated %1</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="309"/>
        <source>等级</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="309"/>
        <location filename="../../console/views/wall/pages.py" line="398"/>
        <source>事件</source>
        <translation>Event</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="309"/>
        <location filename="../../console/views/wall/pages.py" line="394"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="309"/>
        <source>超时</source>
        <translation>Overdue by</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="309"/>
        <location filename="../../console/views/wall/pages.py" line="327"/>
        <source>督办</source>
        <translation>Supervised</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="309"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="322"/>
        <source>超期/督办 %1 件</source>
        <translation>Overdue/supervised: %1</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="335"/>
        <source>待受理</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="335"/>
        <source>已立案</source>
        <translation>Filed</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="335"/>
        <source>已派遣</source>
        <translation>Dispatched</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="335"/>
        <source>已签收</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="336"/>
        <source>处置中</source>
        <translation>On scene</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="336"/>
        <source>已处置</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="336"/>
        <source>已核查</source>
        <translation>Verified</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="336"/>
        <source>退回</source>
        <translation>Returned</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="337"/>
        <source>已上报</source>
        <translation>Escalated</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="337"/>
        <source>挂起</source>
        <translation>Suspended</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="337"/>
        <source>重新打开</source>
        <translation>Reopened</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="348"/>
        <source>吹哨事件</source>
        <translation>Whistle event</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="348"/>
        <source>吹哨时间</source>
        <translation>Whistle time</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="348"/>
        <location filename="../../console/views/wall/pages.py" line="394"/>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="348"/>
        <source>报到</source>
        <translation>Check-in</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="367"/>
        <source>已报到 %1</source>
        <translation>Checked in %1</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="370"/>
        <source>超时未报到 %1</source>
        <translation>Not checked in, %1 late</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="373"/>
        <source>待报到（剩%1）</source>
        <translation>Awaiting check-in (%1 left)</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="379"/>
        <source>进行中的吹哨 %1 起，部门报到 %2/%3</source>
        <translation>%1 whistles in progress, departments checked in %2/%3</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="394"/>
        <source>处置人员</source>
        <translation>Responder</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="397"/>
        <source>%1排行（近7日）</source>
        <translation>%1 ranking (last 7 days)</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="398"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="398"/>
        <source>按时</source>
        <translation>On time</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="432"/>
        <source>按小时接报：今日 vs 近7日均值</source>
        <translation>Reports by hour: today vs. 7-day average</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="432"/>
        <source>按来源接报：今日 vs 近7日均值</source>
        <translation>Reports by source: today vs. 7-day average</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="450"/>
        <source>■ 今日    ━ 近7日均值</source>
        <translation>■ Today    ━ 7-day average</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/map_page.py" line="89"/>
        <source>在办事件</source>
        <translation>Open events</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/map_page.py" line="91"/>
        <source>超期事件</source>
        <translation>Overdue events</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/map_page.py" line="93"/>
        <source>超期最多的网格</source>
        <translation>Grids with the most overdue</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/map_page.py" line="140"/>
        <source>%1  超期 %2 / 在办 %3</source>
        <translation>%1  overdue %2 / open %3</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/map_page.py" line="169"/>
        <source>附近摄像头</source>
        <translation>Nearby cameras</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/map_page.py" line="172"/>
        <source>按 Enter 或点击确认，恢复轮播</source>
        <translation>Press Enter or click to acknowledge and resume the rotation</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/map_page.py" line="188"/>
        <source>%1事件超时</source>
        <translation>%1 event overdue</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/map_page.py" line="188"/>
        <source>新%1事件</source>
        <translation>New %1 event</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/map_page.py" line="193"/>
        <source>接报 %1</source>
        <translation>Received %1</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/map_page.py" line="194"/>
        <source>网格 %1</source>
        <translation>Grid %1</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/map_page.py" line="195"/>
        <source>地址 %1</source>
        <translation>Address %1</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/map_page.py" line="196"/>
        <source>状态 %1</source>
        <translation>Status %1</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/map_page.py" line="197"/>
        <source>已超时 %1</source>
        <translation>Overdue by %1</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/map_page.py" line="198"/>
        <source>时限 %1</source>
        <translation>Due %1</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/map_page.py" line="206"/>
        <source>· %1（%2 m）</source>
        <translation>· %1 (%2 m)</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/map_page.py" line="220"/>
        <source>%1 秒后自动恢复轮播</source>
        <translation>Rotation resumes in %1 s</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/window.py" line="96"/>
        <source>%1 指挥大屏</source>
        <translation>%1 wall display</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/window.py" line="184"/>
        <source>已固定</source>
        <translation>Pinned</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/window.py" line="184"/>
        <source>已暂停</source>
        <translation>Paused</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/window.py" line="190"/>
        <source>%1 秒后：%2</source>
        <translation>In %1 s: %2</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/supervisor.py" line="88"/>
        <source>导出报表</source>
        <translation>Export report</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/supervisor.py" line="93"/>
        <source>日报</source>
        <translation>Daily report</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/supervisor.py" line="95"/>
        <source>班次（起止时间）</source>
        <translation>Shift (start and end time)</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/supervisor.py" line="113"/>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/supervisor.py" line="126"/>
        <source>开始</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/supervisor.py" line="127"/>
        <source>结束</source>
        <translation>End</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/supervisor.py" line="128"/>
        <source>格式</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/supervisor.py" line="129"/>
        <source>保存到</source>
        <translation>Save to</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/supervisor.py" line="131"/>
        <source>生成</source>
        <translation>Generate</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/supervisor.py" line="149"/>
        <source>保存报表</source>
        <translation>Save report</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/supervisor.py" line="167"/>
        <source>结束时间须晚于开始时间</source>
        <translation>The end must be later than the start</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/supervisor.py" line="172"/>
        <source>无法写入 %1：文件夹不存在</source>
        <translation>Cannot write %1: the folder does not exist</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/supervisor.py" line="176"/>
        <source>正在生成…</source>
        <translation>Generating…</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/supervisor.py" line="192"/>
        <source>已保存：%1</source>
        <translation>Saved: %1</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/supervisor.py" line="197"/>
        <source>报表生成失败：%1</source>
        <translation>The report could not be generated: %1</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/style.py" line="34"/>
        <source>一般</source>
        <translation>General</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/style.py" line="34"/>
        <source>较大</source>
        <translation>Significant</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/style.py" line="34"/>
        <source>重大</source>
        <translation>Major</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/style.py" line="34"/>
        <source>特别重大</source>
        <translation>Critical</translation>
    </message>
</context>
<context>
    <name>WorkerOverlay</name>
    <message>
        <location filename="../../console/views/map_field.py" line="39"/>
        <source>%1秒前</source>
        <translation>%1 s ago</translation>
    </message>
    <message>
        <location filename="../../console/views/map_field.py" line="41"/>
        <source>%1分钟前</source>
        <translation>%1 min ago</translation>
    </message>
    <message>
        <location filename="../../console/views/map_field.py" line="42"/>
        <source>%1小时前</source>
        <translation>%1 h ago</translation>
    </message>
    <message>
        <location filename="../../console/views/map_field.py" line="80"/>
        <source>轨迹 %1 分钟</source>
        <translation>Track: %1 min</translation>
    </message>
    <message>
        <location filename="../../console/views/map_field.py" line="83"/>
        <source>轨迹 %1 小时</source>
        <translation>Track: %1 h</translation>
    </message>
    <message>
        <location filename="../../console/views/map_field.py" line="156"/>
        <source>%1 · %2 · %3 · 电量 %4 · 定位 %5</source>
        <translation>%1 · %2 · %3 · battery %4 · fix %5</translation>
    </message>
</context>
</TS>
