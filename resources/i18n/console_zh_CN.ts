<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BroadcastDialog</name>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="70"/>
        <source>一键下达</source>
        <translation>一键下达</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="101"/>
        <source>下达指令，例如：台风红色预警，立即转移低洼地带人员</source>
        <translation>下达指令，例如：台风红色预警，立即转移低洼地带人员</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="104"/>
        <source>全部网格</source>
        <translation>全部网格</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="105"/>
        <source>指定网格</source>
        <translation>指定网格</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="112"/>
        <source>网格</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="116"/>
        <source>下达</source>
        <translation>下达</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="120"/>
        <source>取消</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="123"/>
        <source>指令内容</source>
        <translation>指令内容</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="157"/>
        <source>全部网格（%1个）</source>
        <translation>全部网格（%1个）</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="194"/>
        <source>向未回应网格重发</source>
        <translation>向未回应网格重发</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="197"/>
        <source>关闭</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="213"/>
        <source>没有该下达记录：%1</source>
        <translation>没有该下达记录：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="227"/>
        <source>一键下达 · 点名</source>
        <translation>一键下达 · 点名</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="238"/>
        <source>已回应 %1/%2 · 回应时限 %3</source>
        <translation>已回应 %1/%2 · 回应时限 %3</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="241"/>
        <source>%1个网格超时未回应</source>
        <translation>%1个网格超时未回应</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="255"/>
        <source>请填写指令内容</source>
        <translation>请填写指令内容</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="259"/>
        <source>请至少勾选一个网格</source>
        <translation>请至少勾选一个网格</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="274"/>
        <source>处理中…</source>
        <translation>处理中…</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="285"/>
        <source>操作已取消</source>
        <translation>操作已取消</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="290"/>
        <source>已下达至 %1 个网格</source>
        <translation>已下达至 %1 个网格</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="295"/>
        <source>已向 %1 个未回应网格重发</source>
        <translation>已向 %1 个未回应网格重发</translation>
    </message>
</context>
<context>
    <name>CameraList</name>
    <message>
        <location filename="../../console/views/camera_list.py" line="37"/>
        <source>搜索摄像机：名称、编号、网格、标签</source>
        <translation>搜索摄像机：名称、编号、网格、标签</translation>
    </message>
    <message>
        <location filename="../../console/views/camera_list.py" line="42"/>
        <source>名称</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../console/views/camera_list.py" line="42"/>
        <source>网格</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../console/views/camera_list.py" line="42"/>
        <source>标签</source>
        <translation>标签</translation>
    </message>
</context>
<context>
    <name>CheatSheet</name>
    <message>
        <location filename="../../console/app.py" line="95"/>
        <source>打开最新待派遣事件（重大/特别重大优先）</source>
        <translation>打开最新待派遣事件（重大/特别重大优先）</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="178"/>
        <source>采纳系统建议（类别、等级、责任单位、指令）</source>
        <translation>采纳系统建议（类别、等级、责任单位、指令）</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="179"/>
        <source>确认派遣</source>
        <translation>确认派遣</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="180"/>
        <source>确认派遣（在指令框中也可用）</source>
        <translation>确认派遣（在指令框中也可用）</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="182"/>
        <source>需人工研判时：采用第 %1 个候选</source>
        <translation>需人工研判时：采用第 %1 个候选</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="185"/>
        <source>只立案，不派遣</source>
        <translation>只立案，不派遣</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="186"/>
        <source>不予立案（需填写理由）</source>
        <translation>不予立案（需填写理由）</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="187"/>
        <source>合并到疑似重复事件</source>
        <translation>合并到疑似重复事件</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="189"/>
        <source>关闭研判面板并释放认领</source>
        <translation>关闭研判面板并释放认领</translation>
    </message>
    <message>
        <location filename="../../console/views/cheatsheet.py" line="38"/>
        <location filename="../../console/views/cheatsheet.py" line="41"/>
        <source>主窗口</source>
        <translation>主窗口</translation>
    </message>
    <message>
        <location filename="../../console/views/cheatsheet.py" line="44"/>
        <source>双击</source>
        <translation>双击</translation>
    </message>
    <message>
        <location filename="../../console/views/cheatsheet.py" line="44"/>
        <source>在队列中打开所选事件</source>
        <translation>在队列中打开所选事件</translation>
    </message>
    <message>
        <location filename="../../console/views/cheatsheet.py" line="71"/>
        <source>在输入框中字母键照常输入；按 Esc 离开输入框后，单键快捷键恢复可用。</source>
        <translation>在输入框中字母键照常输入；按 Esc 离开输入框后，单键快捷键恢复可用。</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="175"/>
        <source>离开输入框（搜索框有内容时先清空）</source>
        <translation>离开输入框（搜索框有内容时先清空）</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="176"/>
        <source>搜索队列</source>
        <translation>搜索队列</translation>
    </message>
    <message>
        <location filename="../../console/views/cheatsheet.py" line="52"/>
        <source>快捷键</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <location filename="../../console/views/cheatsheet.py" line="62"/>
        <source>一分钟研判派遣：N → A → Enter</source>
        <translation>一分钟研判派遣：N → A → Enter</translation>
    </message>
</context>
<context>
    <name>DetailView</name>
    <message>
        <location filename="../../console/views/timeline_text.py" line="34"/>
        <source>状态变更</source>
        <translation>状态变更</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="35"/>
        <source>研判</source>
        <translation>研判</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="36"/>
        <source>派遣</source>
        <translation>派遣</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="37"/>
        <source>派遣未送达</source>
        <translation>派遣未送达</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="38"/>
        <source>备注</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="39"/>
        <source>合并</source>
        <translation>合并</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="40"/>
        <source>认领</source>
        <translation>认领</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="41"/>
        <source>上报</source>
        <translation>上报</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="42"/>
        <location filename="../../console/views/timeline_text.py" line="209"/>
        <location filename="../../console/views/detail_view.py" line="289"/>
        <source>督办</source>
        <translation>督办</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="43"/>
        <source>反馈</source>
        <translation>反馈</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="44"/>
        <source>吹哨</source>
        <translation>吹哨</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="45"/>
        <source>报到</source>
        <translation>报到</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="46"/>
        <source>进展</source>
        <translation>进展</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="47"/>
        <source>一键下达</source>
        <translation>一键下达</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="48"/>
        <location filename="../../console/views/timeline_text.py" line="231"/>
        <source>截图</source>
        <translation>截图</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="50"/>
        <source>未采纳的反馈</source>
        <translation>未采纳的反馈</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="51"/>
        <source>来源更新</source>
        <translation>来源更新</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="96"/>
        <source>系统</source>
        <translation>系统</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="96"/>
        <source>事件中枢</source>
        <translation>事件中枢</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="96"/>
        <source>处置单位</source>
        <translation>处置单位</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="141"/>
        <source>核查通过</source>
        <translation>核查通过</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="143"/>
        <source>核查不通过</source>
        <translation>核查不通过</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="145"/>
        <source>结案</source>
        <translation>结案</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="147"/>
        <source>合并至 %1（重复事件）</source>
        <translation>合并至 %1（重复事件）</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="149"/>
        <source>不予立案</source>
        <translation>不予立案</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="151"/>
        <source>延期至 %1，批准人 %2</source>
        <translation>延期至 %1，批准人 %2</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="154"/>
        <source>恢复办理（挂起 %1）</source>
        <translation>恢复办理（挂起 %1）</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="157"/>
        <source>重新打开</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="169"/>
        <source>研判：类别 %1，级别 %2</source>
        <translation>研判：类别 %1，级别 %2</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="179"/>
        <source>指令：%1</source>
        <translation>指令：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="181"/>
        <source>时限 %1</source>
        <translation>时限 %1</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="182"/>
        <source>派遣：%1</source>
        <translation>派遣：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="188"/>
        <source>合并重复上报 %1</source>
        <translation>合并重复上报 %1</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="190"/>
        <source>合并重复上报 %1（重复推送）</source>
        <translation>合并重复上报 %1（重复推送）</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="195"/>
        <source>上报：%1→%2</source>
        <translation>上报：%1→%2</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="202"/>
        <source>（%1超时，自动上报）</source>
        <translation>（%1超时，自动上报）</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="204"/>
        <source>（吹哨部门未按时报到）</source>
        <translation>（吹哨部门未按时报到）</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="214"/>
        <source>吹哨：%1</source>
        <translation>吹哨：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="216"/>
        <source>（报到时限 %1）</source>
        <translation>（报到时限 %1）</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="217"/>
        <source>；事由：%1</source>
        <translation>；事由：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="220"/>
        <source>报到：%1</source>
        <translation>报到：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="221"/>
        <source>（逾时）</source>
        <translation>（逾时）</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="224"/>
        <source>进展（%1）</source>
        <translation>进展（%1）</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="227"/>
        <source>一键下达（%1 个网格）</source>
        <translation>一键下达（%1 个网格）</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="234"/>
        <source>现场处置完毕（上报人自行处置）</source>
        <translation>现场处置完毕（上报人自行处置）</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="238"/>
        <source>未采纳的反馈：%1（%2）</source>
        <translation>未采纳的反馈：%1（%2）</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="246"/>
        <source>上报人电话</source>
        <translation>上报人电话</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="247"/>
        <source>其他信息</source>
        <translation>其他信息</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="254"/>
        <source>级别 %1 → %2</source>
        <translation>级别 %1 → %2</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="256"/>
        <source>网格 %1</source>
        <translation>网格 %1</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="258"/>
        <source>附件 +%1</source>
        <translation>附件 +%1</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="261"/>
        <source>来源更新：%1</source>
        <translation>来源更新：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="263"/>
        <source>；未采纳：级别 %1</source>
        <translation>；未采纳：级别 %1</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="97"/>
        <location filename="../../console/views/detail_view.py" line="176"/>
        <source>未选择事件</source>
        <translation>未选择事件</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="204"/>
        <source>照片</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="214"/>
        <source>合并的重复上报</source>
        <translation>合并的重复上报</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="239"/>
        <source>附近在办事件</source>
        <translation>附近在办事件</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="252"/>
        <source>（已离开实时队列）</source>
        <translation>（已离开实时队列）</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="261"/>
        <source>编号</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="262"/>
        <source>状态</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="263"/>
        <source>级别</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="264"/>
        <source>来源</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="265"/>
        <source>类别</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="267"/>
        <source>网格</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="268"/>
        <source>未定位</source>
        <translation>未定位</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="270"/>
        <source>地址</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="271"/>
        <source>坐标</source>
        <translation>坐标</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="272"/>
        <source>报告人</source>
        <translation>报告人</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="273"/>
        <source>联系电话</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="274"/>
        <source>上报时间</source>
        <translation>上报时间</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="275"/>
        <source>接收时间</source>
        <translation>接收时间</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="276"/>
        <source>派遣时间</source>
        <translation>派遣时间</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="277"/>
        <source>处置时间</source>
        <translation>处置时间</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="278"/>
        <source>结案时间</source>
        <translation>结案时间</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="279"/>
        <source>办理时限</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="280"/>
        <source>责任单位</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="281"/>
        <source>认领席位</source>
        <translation>认领席位</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="283"/>
        <source>重复上报</source>
        <translation>重复上报</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="284"/>
        <source>%1 次</source>
        <translation>%1 次</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="288"/>
        <source>合并至</source>
        <translation>合并至</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="289"/>
        <location filename="../../console/views/detail_view.py" line="290"/>
        <source>是</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="49"/>
        <location filename="../../console/views/detail_view.py" line="290"/>
        <source>现场处置</source>
        <translation>现场处置</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="244"/>
        <source>标题</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="245"/>
        <source>位置</source>
        <translation>位置</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="245"/>
        <source>上报人</source>
        <translation>上报人</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="246"/>
        <location filename="../../console/views/detail_view.py" line="291"/>
        <source>摄像头</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location filename="../../console/views/timeline_text.py" line="244"/>
        <location filename="../../console/views/detail_view.py" line="299"/>
        <source>描述</source>
        <translation>描述</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="301"/>
        <source>附件</source>
        <translation>附件</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="311"/>
        <source>处置记录</source>
        <translation>处置记录</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="313"/>
        <source>载入中…</source>
        <translation>载入中…</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="318"/>
        <source>暂无记录</source>
        <translation>暂无记录</translation>
    </message>
</context>
<context>
    <name>DispatchPanel</name>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="159"/>
        <source>只立案，不派遣</source>
        <translation>只立案，不派遣</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="84"/>
        <source>研判派遣</source>
        <translation>研判派遣</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="135"/>
        <source>不予立案理由：填写后按 Enter（或 Esc 再按 R）</source>
        <translation>不予立案理由：填写后按 Enter（或 Esc 再按 R）</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="136"/>
        <source>类别</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="137"/>
        <source>等级</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="138"/>
        <source>处置单位（可多选）</source>
        <translation>处置单位（可多选）</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="139"/>
        <source>派遣指令</source>
        <translation>派遣指令</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="140"/>
        <source>理由</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="149"/>
        <source>采纳建议 (A)</source>
        <translation>采纳建议 (A)</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="150"/>
        <source>派遣 (Enter)</source>
        <translation>派遣 (Enter)</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="151"/>
        <source>立案 (F)</source>
        <translation>立案 (F)</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="152"/>
        <source>不予立案 (R)</source>
        <translation>不予立案 (R)</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="153"/>
        <source>合并重复 (D)</source>
        <translation>合并重复 (D)</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="154"/>
        <source>关闭 (Esc)</source>
        <translation>关闭 (Esc)</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="157"/>
        <source>采纳系统建议的类别、等级、责任单位和指令</source>
        <translation>采纳系统建议的类别、等级、责任单位和指令</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="158"/>
        <source>按所选单位派遣并下发指令</source>
        <translation>按所选单位派遣并下发指令</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="160"/>
        <source>无效或不属受理范围，需填写理由</source>
        <translation>无效或不属受理范围，需填写理由</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="161"/>
        <source>合并到最可能的重复事件</source>
        <translation>合并到最可能的重复事件</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="162"/>
        <source>关闭并释放本席位的认领</source>
        <translation>关闭并释放本席位的认领</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="195"/>
        <source>当前账号无权执行此操作</source>
        <translation>当前账号无权执行此操作</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="242"/>
        <source>注意：该事件正在由 %1 处理</source>
        <translation>注意：该事件正在由 %1 处理</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="245"/>
        <source>网格待定</source>
        <translation>网格待定</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="264"/>
        <location filename="../../console/views/dispatch_panel.py" line="471"/>
        <source>网格员：%1</source>
        <translation>网格员：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="271"/>
        <source>无系统建议</source>
        <translation>无系统建议</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="276"/>
        <source>需人工研判</source>
        <translation>需人工研判</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="279"/>
        <source>候选 %1：&lt;b&gt;%2&lt;/b&gt; → %3（%4）</source>
        <translation>候选 %1：&lt;b&gt;%2&lt;/b&gt; → %3（%4）</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="283"/>
        <source>事项：&lt;b&gt;%1&lt;/b&gt;（置信度 %2）</source>
        <translation>事项：&lt;b&gt;%1&lt;/b&gt;（置信度 %2）</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="286"/>
        <source>建议类别：&lt;b&gt;%1&lt;/b&gt;（%2）</source>
        <translation>建议类别：&lt;b&gt;%1&lt;/b&gt;（%2）</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="466"/>
        <source>%1 %2米 · 步行约%3分钟</source>
        <translation>%1 %2米 · 步行约%3分钟</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="287"/>
        <source>建议等级：&lt;b&gt;%1&lt;/b&gt;</source>
        <translation>建议等级：&lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="288"/>
        <source>责任单位：&lt;b&gt;%1&lt;/b&gt;（%2）</source>
        <translation>责任单位：&lt;b&gt;%1&lt;/b&gt;（%2）</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="289"/>
        <source>在岗网格员：%1</source>
        <translation>在岗网格员：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="293"/>
        <source>附近在岗：%1</source>
        <translation>附近在岗：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="295"/>
        <source>警告：30分钟内无在岗网格员可步行到达</source>
        <translation>警告：30分钟内无在岗网格员可步行到达</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="299"/>
        <source>疑似重复：&lt;b&gt;%1&lt;/b&gt;（%2）</source>
        <translation>疑似重复：&lt;b&gt;%1&lt;/b&gt;（%2）</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="328"/>
        <source>请及时到场核实处置：%1</source>
        <translation>请及时到场核实处置：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="330"/>
        <source>（地点：%1）</source>
        <translation>（地点：%1）</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="355"/>
        <source>处理中…</source>
        <translation>处理中…</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="364"/>
        <source>操作失败：%1</source>
        <translation>操作失败：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="369"/>
        <source>已完成</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="407"/>
        <source>请先选择事件类别</source>
        <translation>请先选择事件类别</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="417"/>
        <source>不予立案必须填写理由</source>
        <translation>不予立案必须填写理由</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="426"/>
        <source>没有疑似重复事件</source>
        <translation>没有疑似重复事件</translation>
    </message>
</context>
<context>
    <name>Escalation</name>
    <message>
        <location filename="../../console/views/escalation_board.py" line="80"/>
        <source>事件 / 部门</source>
        <translation>事件 / 部门</translation>
    </message>
    <message>
        <location filename="../../console/views/escalation_board.py" line="80"/>
        <source>报到</source>
        <translation>报到</translation>
    </message>
    <message>
        <location filename="../../console/views/escalation_board.py" line="81"/>
        <source>最新进展</source>
        <translation>最新进展</translation>
    </message>
    <message>
        <location filename="../../console/views/escalation_board.py" line="81"/>
        <source>响应率</source>
        <translation>响应率</translation>
    </message>
    <message>
        <location filename="../../console/views/escalation_board.py" line="212"/>
        <source>（迟到）</source>
        <translation>（迟到）</translation>
    </message>
    <message>
        <location filename="../../console/views/escalation_board.py" line="214"/>
        <source>未报到</source>
        <translation>未报到</translation>
    </message>
    <message>
        <location filename="../../console/views/escalation_board.py" line="216"/>
        <source>待报到（剩余 %1）</source>
        <translation>待报到（剩余 %1）</translation>
    </message>
    <message>
        <location filename="../../console/views/escalation_board.py" line="232"/>
        <source>%1/%2 已报到 · 时限 %3</source>
        <translation>%1/%2 已报到 · 时限 %3</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/board_table.py" line="31"/>
        <source>%1秒</source>
        <translation>%1秒</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/board_table.py" line="33"/>
        <source>%1分钟</source>
        <translation>%1分钟</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/board_table.py" line="35"/>
        <source>%1小时%2分</source>
        <translation>%1小时%2分</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/board_table.py" line="36"/>
        <source>%1天%2小时</source>
        <translation>%1天%2小时</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/board_table.py" line="42"/>
        <source>超期 %1</source>
        <translation>超期 %1</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/board_table.py" line="43"/>
        <source>剩余 %1</source>
        <translation>剩余 %1</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="64"/>
        <source>派遣</source>
        <translation>派遣</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="65"/>
        <source>签收</source>
        <translation>签收</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="66"/>
        <source>到场</source>
        <translation>到场</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="67"/>
        <source>处置</source>
        <translation>处置</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="68"/>
        <source>结案</source>
        <translation>结案</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="74"/>
        <source>微网格</source>
        <translation>微网格</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="75"/>
        <source>社区</source>
        <translation>社区</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="76"/>
        <source>街道</source>
        <translation>街道</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="77"/>
        <source>区</source>
        <translation>区</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="129"/>
        <source>层级</source>
        <translation>层级</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="129"/>
        <source>标题</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="130"/>
        <location filename="../../console/qtmodels/broadcast_model.py" line="106"/>
        <source>网格</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="130"/>
        <source>阶段</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="131"/>
        <source>距超期</source>
        <translation>距超期</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="131"/>
        <location filename="../../console/qtmodels/escalation_model.py" line="136"/>
        <source>督办</source>
        <translation>督办</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="131"/>
        <source>责任单位</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/broadcast_model.py" line="28"/>
        <source>指令</source>
        <translation>指令</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/broadcast_model.py" line="28"/>
        <source>下达时间</source>
        <translation>下达时间</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/broadcast_model.py" line="28"/>
        <source>已回应</source>
        <translation>已回应</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/broadcast_model.py" line="29"/>
        <source>未回应网格</source>
        <translation>未回应网格</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/broadcast_model.py" line="29"/>
        <source>回应时限</source>
        <translation>回应时限</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/broadcast_model.py" line="87"/>
        <source> 等%1个</source>
        <translation> 等%1个</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/broadcast_model.py" line="90"/>
        <source>已超时</source>
        <translation>已超时</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/broadcast_model.py" line="106"/>
        <source>回应时间</source>
        <translation>回应时间</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/broadcast_model.py" line="107"/>
        <source>下达次数</source>
        <translation>下达次数</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/broadcast_model.py" line="128"/>
        <source>未回应</source>
        <translation>未回应</translation>
    </message>
</context>
<context>
    <name>EscalationBoard</name>
    <message>
        <location filename="../../console/views/escalation_board.py" line="281"/>
        <source>层级</source>
        <translation>层级</translation>
    </message>
    <message>
        <location filename="../../console/views/escalation_board.py" line="284"/>
        <source>全部层级</source>
        <translation>全部层级</translation>
    </message>
    <message>
        <location filename="../../console/views/escalation_board.py" line="321"/>
        <source>点名详情</source>
        <translation>点名详情</translation>
    </message>
    <message>
        <location filename="../../console/views/escalation_board.py" line="322"/>
        <source>查看所选一键下达的逐网格回应情况，可向未回应网格重发</source>
        <translation>查看所选一键下达的逐网格回应情况，可向未回应网格重发</translation>
    </message>
    <message>
        <location filename="../../console/views/escalation_board.py" line="334"/>
        <source>超期/临期 (%1)</source>
        <translation>超期/临期 (%1)</translation>
    </message>
    <message>
        <location filename="../../console/views/escalation_board.py" line="335"/>
        <source>吹哨报到 (%1)</source>
        <translation>吹哨报到 (%1)</translation>
    </message>
    <message>
        <location filename="../../console/views/escalation_board.py" line="336"/>
        <source>一键下达 (%1)</source>
        <translation>一键下达 (%1)</translation>
    </message>
</context>
<context>
    <name>EventActions</name>
    <message>
        <location filename="../../console/views/event_actions.py" line="110"/>
        <source>操作失败：%1</source>
        <translation>操作失败：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/event_dialogs.py" line="73"/>
        <source>请填写说明</source>
        <translation>请填写说明</translation>
    </message>
    <message>
        <location filename="../../console/views/event_dialogs.py" line="80"/>
        <source>吹哨报到</source>
        <translation>吹哨报到</translation>
    </message>
    <message>
        <location filename="../../console/views/event_dialogs.py" line="97"/>
        <source>召集部门（可多选）</source>
        <translation>召集部门（可多选）</translation>
    </message>
    <message>
        <location filename="../../console/views/event_dialogs.py" line="98"/>
        <source>事由</source>
        <translation>事由</translation>
    </message>
    <message>
        <location filename="../../console/views/event_dialogs.py" line="127"/>
        <source>至少选择一个部门</source>
        <translation>至少选择一个部门</translation>
    </message>
    <message>
        <location filename="../../console/views/event_dialogs.py" line="129"/>
        <source>请填写吹哨事由</source>
        <translation>请填写吹哨事由</translation>
    </message>
    <message>
        <location filename="../../console/views/event_dialogs.py" line="137"/>
        <source>延期（挂起）</source>
        <translation>延期（挂起）</translation>
    </message>
    <message>
        <location filename="../../console/views/event_dialogs.py" line="144"/>
        <source>批准领导</source>
        <translation>批准领导</translation>
    </message>
    <message>
        <location filename="../../console/views/event_dialogs.py" line="146"/>
        <source>延期至</source>
        <translation>延期至</translation>
    </message>
    <message>
        <location filename="../../console/views/event_dialogs.py" line="147"/>
        <source>批准人</source>
        <translation>批准人</translation>
    </message>
    <message>
        <location filename="../../console/views/event_dialogs.py" line="148"/>
        <source>延期理由</source>
        <translation>延期理由</translation>
    </message>
    <message>
        <location filename="../../console/views/event_dialogs.py" line="160"/>
        <source>延期须填写批准人</source>
        <translation>延期须填写批准人</translation>
    </message>
    <message>
        <location filename="../../console/views/event_dialogs.py" line="162"/>
        <source>请填写延期理由</source>
        <translation>请填写延期理由</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="152"/>
        <location filename="../../console/views/event_actions.py" line="274"/>
        <source>一键上报</source>
        <translation>一键上报</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="153"/>
        <location filename="../../console/views/event_actions.py" line="279"/>
        <source>督办</source>
        <translation>督办</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="154"/>
        <source>吹哨</source>
        <translation>吹哨</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="155"/>
        <source>核查通过</source>
        <translation>核查通过</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="156"/>
        <location filename="../../console/views/event_actions.py" line="294"/>
        <source>核查不通过</source>
        <translation>核查不通过</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="157"/>
        <source>延期</source>
        <translation>延期</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="158"/>
        <source>恢复</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="159"/>
        <location filename="../../console/views/event_actions.py" line="310"/>
        <source>重新打开</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="76"/>
        <location filename="../../console/views/event_actions.py" line="227"/>
        <source>未选择事件</source>
        <translation>未选择事件</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="76"/>
        <source>事件已离开实时队列，请在历史查询中重新打开</source>
        <translation>事件已离开实时队列，请在历史查询中重新打开</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="82"/>
        <source>事件当前为“%1”，</source>
        <translation>事件当前为“%1”，</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="83"/>
        <source>事件已延期（挂起），请先恢复</source>
        <translation>事件已延期（挂起），请先恢复</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="84"/>
        <source>仅已处置（待核查）的事件可以核查</source>
        <translation>仅已处置（待核查）的事件可以核查</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="86"/>
        <source>已在最高层级（区），无法继续上报</source>
        <translation>已在最高层级（区），无法继续上报</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="87"/>
        <source>不能上报</source>
        <translation>不能上报</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="89"/>
        <source>仅已派遣、已签收或到场处置的事件可以督办</source>
        <translation>仅已派遣、已签收或到场处置的事件可以督办</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="90"/>
        <source>不能吹哨</source>
        <translation>不能吹哨</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="93"/>
        <source>不能延期</source>
        <translation>不能延期</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="94"/>
        <source>仅延期（挂起）中的事件可以恢复</source>
        <translation>仅延期（挂起）中的事件可以恢复</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="95"/>
        <source>仅已处置、已结案或不予立案的事件可以重新打开</source>
        <translation>仅已处置、已结案或不予立案的事件可以重新打开</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="96"/>
        <source>不能退回</source>
        <translation>不能退回</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="97"/>
        <source>仅下级上报的事件（或12345工单）可以退回</source>
        <translation>仅下级上报的事件（或12345工单）可以退回</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="160"/>
        <location filename="../../console/views/event_actions.py" line="315"/>
        <source>退回下级</source>
        <translation>退回下级</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="230"/>
        <source>%1 · 已离开实时队列（已结案或不予立案）</source>
        <translation>%1 · 已离开实时队列（已结案或不予立案）</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="234"/>
        <source>督办中</source>
        <translation>督办中</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="275"/>
        <source>上报说明</source>
        <translation>上报说明</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="280"/>
        <source>督办意见</source>
        <translation>督办意见</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="295"/>
        <source>不通过原因</source>
        <translation>不通过原因</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="311"/>
        <source>重新打开原因</source>
        <translation>重新打开原因</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="224"/>
        <location filename="../../console/views/event_actions.py" line="333"/>
        <source>处理中…</source>
        <translation>处理中…</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="316"/>
        <source>处理意见</source>
        <translation>处理意见</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="327"/>
        <source>所选事件已变化，操作未执行，请重新操作</source>
        <translation>所选事件已变化，操作未执行，请重新操作</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="341"/>
        <source>操作已取消</source>
        <translation>操作已取消</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="355"/>
        <source>已在最高层级，无法继续上报</source>
        <translation>已在最高层级，无法继续上报</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="357"/>
        <source>已完成：%1</source>
        <translation>已完成：%1</translation>
    </message>
</context>
<context>
    <name>FeedStatus</name>
    <message>
        <location filename="../../console/views/feed_status.py" line="52"/>
        <source>%1（%2 秒后）</source>
        <translation>%1（%2 秒后）</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="64"/>
        <source>已加密（TLS，wss://）</source>
        <translation>已加密（TLS，wss://）</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="68"/>
        <source>未加密（仅本机，ws://）</source>
        <translation>未加密（仅本机，ws://）</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="73"/>
        <source>未加密：令牌和事件以明文经网络传输，请改用 wss://</source>
        <translation>未加密：令牌和事件以明文经网络传输，请改用 wss://</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="82"/>
        <source>最近错误：%1</source>
        <translation>最近错误：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="84"/>
        <source>发生时间：%1</source>
        <translation>发生时间：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="89"/>
        <source>已连续失败 %1 次，下次重试：%2</source>
        <translation>已连续失败 %1 次，下次重试：%2</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="100"/>
        <source>缺号 %1 处（%2 个序号），重复或倒序 %3 条</source>
        <translation>缺号 %1 处（%2 个序号），重复或倒序 %3 条</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="103"/>
        <source>最近：%1</source>
        <translation>最近：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="112"/>
        <source>%1 事件中枢的日志已更换（本机已提交至序号 %2，新日志最新序号 %3），已从新日志开头重新同步，已有事件按编号合并</source>
        <translation>%1 事件中枢的日志已更换（本机已提交至序号 %2，新日志最新序号 %3），已从新日志开头重新同步，已有事件按编号合并</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="115"/>
        <source>%1 事件中枢的最新序号 %3 低于本机已提交的序号 %2（日志已重置），已从开头重新同步，已有事件按编号合并</source>
        <translation>%1 事件中枢的最新序号 %3 低于本机已提交的序号 %2（日志已重置），已从开头重新同步，已有事件按编号合并</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="135"/>
        <source>数据连接状态</source>
        <translation>数据连接状态</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="144"/>
        <source>数据接入</source>
        <translation>数据接入</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="145"/>
        <source>中枢地址</source>
        <translation>中枢地址</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="146"/>
        <source>连接状态</source>
        <translation>连接状态</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="147"/>
        <source>传输加密</source>
        <translation>传输加密</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="148"/>
        <source>最近错误</source>
        <translation>最近错误</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="149"/>
        <source>发生时间</source>
        <translation>发生时间</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="150"/>
        <source>连续失败次数</source>
        <translation>连续失败次数</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="151"/>
        <source>下次重试</source>
        <translation>下次重试</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="152"/>
        <source>已提交序号</source>
        <translation>已提交序号</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="153"/>
        <source>中枢最新序号</source>
        <translation>中枢最新序号</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="154"/>
        <source>积压</source>
        <translation>积压</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="155"/>
        <source>已接收记录</source>
        <translation>已接收记录</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="156"/>
        <source>已隔离记录</source>
        <translation>已隔离记录</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="157"/>
        <source>序号异常</source>
        <translation>序号异常</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="158"/>
        <source>中枢日志</source>
        <translation>中枢日志</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="229"/>
        <source>本席位不接入数据源，由%1写入</source>
        <translation>本席位不接入数据源，由%1写入</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="231"/>
        <source>（以下为写入席位 %1 共享的状态）</source>
        <translation>（以下为写入席位 %1 共享的状态）</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="238"/>
        <source>未连接事件中枢</source>
        <translation>未连接事件中枢</translation>
    </message>
    <message>
        <location filename="../../console/views/feed_status.py" line="99"/>
        <location filename="../../console/views/feed_status.py" line="247"/>
        <source>无</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>GridLevels</name>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="233"/>
        <source>街道</source>
        <translation>街道</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="234"/>
        <source>乡镇</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="235"/>
        <source>街区网格</source>
        <translation>街区网格</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="236"/>
        <source>社区网格</source>
        <translation>社区网格</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="237"/>
        <source>村（社区）</source>
        <translation>村（社区）</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="238"/>
        <source>片区</source>
        <translation>片区</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="239"/>
        <source>微片区</source>
        <translation>微片区</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="240"/>
        <source>网格</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="241"/>
        <source>微网格</source>
        <translation>微网格</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="242"/>
        <source>治理单元</source>
        <translation>治理单元</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="246"/>
        <source>山林网格</source>
        <translation>山林网格</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="247"/>
        <source>水域网格</source>
        <translation>水域网格</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="248"/>
        <source>警格</source>
        <translation>警格</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="259"/>
        <source>%1级网格</source>
        <translation>%1级网格</translation>
    </message>
</context>
<context>
    <name>GridTreeModel</name>
    <message>
        <location filename="../../console/qtmodels/grid_tree_model.py" line="103"/>
        <source>网格</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/grid_tree_model.py" line="104"/>
        <source>层级</source>
        <translation>层级</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/grid_tree_model.py" line="105"/>
        <source>在办</source>
        <translation>在办</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/grid_tree_model.py" line="106"/>
        <source>超期</source>
        <translation>超期</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/grid_tree_model.py" line="107"/>
        <source>今日</source>
        <translation>今日</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/grid_tree_model.py" line="108"/>
        <source>在岗</source>
        <translation>在岗</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/grid_tree_model.py" line="154"/>
        <source>警格</source>
        <translation>警格</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/grid_tree_model.py" line="155"/>
        <source>警务网格</source>
        <translation>警务网格</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/grid_tree_model.py" line="351"/>
        <source>在岗：%1</source>
        <translation>在岗：%1</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/grid_tree_model.py" line="353"/>
        <source>本网格无人在岗</source>
        <translation>本网格无人在岗</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/grid_tree_model.py" line="356"/>
        <source>下辖在岗 %1 人</source>
        <translation>下辖在岗 %1 人</translation>
    </message>
</context>
<context>
    <name>GridTreeView</name>
    <message>
        <location filename="../../console/views/grid_tree_view.py" line="40"/>
        <source>选择网格以筛选事件队列</source>
        <translation>选择网格以筛选事件队列</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location filename="../../console/qtmodels/history_model.py" line="93"/>
        <source>级别</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/history_model.py" line="94"/>
        <source>标题</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/history_model.py" line="95"/>
        <source>类别</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/history_model.py" line="96"/>
        <source>网格</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/history_model.py" line="97"/>
        <source>来源</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/history_model.py" line="98"/>
        <source>上报时间</source>
        <translation>上报时间</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/history_model.py" line="99"/>
        <source>状态</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/history_model.py" line="100"/>
        <source>责任单位</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/history_model.py" line="107"/>
        <source>历史查询失败：%1</source>
        <translation>历史查询失败：%1</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <location filename="../../console/views/history_view.py" line="89"/>
        <source>搜索标题、描述、地址，回车查询</source>
        <translation>搜索标题、描述、地址，回车查询</translation>
    </message>
    <message>
        <location filename="../../console/views/history_view.py" line="94"/>
        <source>今天</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../console/views/history_view.py" line="95"/>
        <source>近7天</source>
        <translation>近7天</translation>
    </message>
    <message>
        <location filename="../../console/views/history_view.py" line="96"/>
        <source>近30天</source>
        <translation>近30天</translation>
    </message>
    <message>
        <location filename="../../console/views/history_view.py" line="97"/>
        <source>全部</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../console/views/history_view.py" line="105"/>
        <source>全部状态</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../console/views/history_view.py" line="108"/>
        <source>未结案</source>
        <translation>未结案</translation>
    </message>
    <message>
        <location filename="../../console/views/history_view.py" line="114"/>
        <source>全部来源</source>
        <translation>全部来源</translation>
    </message>
    <message>
        <location filename="../../console/views/history_view.py" line="117"/>
        <source>全部类别</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../../console/views/history_view.py" line="120"/>
        <source>查询</source>
        <translation>查询</translation>
    </message>
    <message>
        <location filename="../../console/views/history_view.py" line="126"/>
        <source>取消网格筛选</source>
        <translation>取消网格筛选</translation>
    </message>
    <message>
        <location filename="../../console/views/history_view.py" line="152"/>
        <source>重试</source>
        <translation>重试</translation>
    </message>
    <message>
        <location filename="../../console/views/history_view.py" line="178"/>
        <source>输入条件后回车查询</source>
        <translation>输入条件后回车查询</translation>
    </message>
    <message>
        <location filename="../../console/views/history_view.py" line="218"/>
        <source>网格：%1</source>
        <translation>网格：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/history_view.py" line="241"/>
        <source>加载中…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <location filename="../../console/views/history_view.py" line="244"/>
        <source>已加载 %1 条</source>
        <translation>已加载 %1 条</translation>
    </message>
    <message>
        <location filename="../../console/views/history_view.py" line="246"/>
        <source>（已全部加载）</source>
        <translation>（已全部加载）</translation>
    </message>
</context>
<context>
    <name>KpiTile</name>
    <message>
        <location filename="../../console/widgets/kpi_tile.py" line="34"/>
        <source>%1秒</source>
        <translation>%1秒</translation>
    </message>
    <message>
        <location filename="../../console/widgets/kpi_tile.py" line="35"/>
        <source>%1分%2秒</source>
        <translation>%1分%2秒</translation>
    </message>
    <message>
        <location filename="../../console/widgets/kpi_tile.py" line="42"/>
        <source>%1分钟</source>
        <translation>%1分钟</translation>
    </message>
    <message>
        <location filename="../../console/widgets/kpi_tile.py" line="43"/>
        <source>%1小时%2分</source>
        <translation>%1小时%2分</translation>
    </message>
    <message>
        <location filename="../../console/widgets/kpi_tile.py" line="65"/>
        <source>办结率</source>
        <translation>办结率</translation>
    </message>
    <message>
        <location filename="../../console/widgets/kpi_tile.py" line="66"/>
        <source>按时办结率</source>
        <translation>按时办结率</translation>
    </message>
    <message>
        <location filename="../../console/widgets/kpi_tile.py" line="67"/>
        <source>现场处置率</source>
        <translation>现场处置率</translation>
    </message>
    <message>
        <location filename="../../console/widgets/kpi_tile.py" line="68"/>
        <source>平均处置时长</source>
        <translation>平均处置时长</translation>
    </message>
    <message>
        <location filename="../../console/widgets/kpi_tile.py" line="69"/>
        <source>派遣p90</source>
        <translation>派遣p90</translation>
    </message>
    <message>
        <location filename="../../console/widgets/kpi_tile.py" line="70"/>
        <source>60秒内派遣率</source>
        <translation>60秒内派遣率</translation>
    </message>
    <message>
        <location filename="../../console/widgets/kpi_tile.py" line="71"/>
        <source>部门响应率</source>
        <translation>部门响应率</translation>
    </message>
    <message>
        <location filename="../../console/widgets/kpi_tile.py" line="72"/>
        <source>巡查覆盖率</source>
        <translation>巡查覆盖率</translation>
    </message>
    <message>
        <location filename="../../console/widgets/kpi_tile.py" line="115"/>
        <source>%1：暂无数据</source>
        <translation>%1：暂无数据</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="53"/>
        <source>一般</source>
        <translation>一般</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="54"/>
        <source>较大</source>
        <translation>较大</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="55"/>
        <source>重大</source>
        <translation>重大</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="56"/>
        <source>特别重大</source>
        <translation>特别重大</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="63"/>
        <source>12345热线</source>
        <translation>12345热线</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="64"/>
        <source>智慧城管</source>
        <translation>智慧城管</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="65"/>
        <source>网格APP</source>
        <translation>网格APP</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="66"/>
        <source>110非警务</source>
        <translation>110非警务</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="67"/>
        <source>信访</source>
        <translation>信访</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="68"/>
        <source>视频AI</source>
        <translation>视频AI</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="69"/>
        <source>物联感知</source>
        <translation>物联感知</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="70"/>
        <source>来访</source>
        <translation>来访</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="71"/>
        <source>其他</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="78"/>
        <source>待受理</source>
        <translation>待受理</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="79"/>
        <source>已立案</source>
        <translation>已立案</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="80"/>
        <source>已派遣</source>
        <translation>已派遣</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="81"/>
        <source>已签收</source>
        <translation>已签收</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="82"/>
        <source>到场处置</source>
        <translation>到场处置</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="83"/>
        <source>已处置</source>
        <translation>已处置</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="84"/>
        <source>已核查</source>
        <translation>已核查</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="85"/>
        <source>已结案</source>
        <translation>已结案</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="86"/>
        <source>不予立案</source>
        <translation>不予立案</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="87"/>
        <source>退回</source>
        <translation>退回</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="88"/>
        <source>已上报</source>
        <translation>已上报</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="89"/>
        <source>挂起</source>
        <translation>挂起</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="90"/>
        <source>重新打开</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="97"/>
        <location filename="../../console/qtmodels/labels.py" line="98"/>
        <source>已连接</source>
        <translation>已连接</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="99"/>
        <source>连接中</source>
        <translation>连接中</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="100"/>
        <location filename="../../console/qtmodels/labels.py" line="101"/>
        <source>重连中</source>
        <translation>重连中</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="102"/>
        <location filename="../../console/qtmodels/labels.py" line="103"/>
        <source>补传中</source>
        <translation>补传中</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="104"/>
        <source>未授权</source>
        <translation>未授权</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="105"/>
        <source>已断开</source>
        <translation>已断开</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="106"/>
        <source>已停止</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="107"/>
        <source>错误</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="120"/>
        <source>中枢拒绝了令牌，请检查数据连接令牌</source>
        <translation>中枢拒绝了令牌，请检查数据连接令牌</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="121"/>
        <source>中枢拒绝了连接请求</source>
        <translation>中枢拒绝了连接请求</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="122"/>
        <source>连接被拒绝：中枢未运行或地址端口有误</source>
        <translation>连接被拒绝：中枢未运行或地址端口有误</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="123"/>
        <source>无法解析中枢的主机名（DNS）</source>
        <translation>无法解析中枢的主机名（DNS）</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="124"/>
        <source>TLS 加密连接失败（证书或握手）</source>
        <translation>TLS 加密连接失败（证书或握手）</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="125"/>
        <source>连接超时：中枢没有及时应答</source>
        <translation>连接超时：中枢没有及时应答</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="126"/>
        <source>网络不可达</source>
        <translation>网络不可达</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="127"/>
        <source>连接已断开</source>
        <translation>连接已断开</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="128"/>
        <source>协议错误：对端不是事件中枢</source>
        <translation>协议错误：对端不是事件中枢</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="129"/>
        <source>本地保存失败，稍后重试</source>
        <translation>本地保存失败，稍后重试</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="130"/>
        <source>连接错误</source>
        <translation>连接错误</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="140"/>
        <source>%1（%2）</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="149"/>
        <source>刚刚</source>
        <translation>刚刚</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="151"/>
        <source>%1秒</source>
        <translation>%1秒</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="153"/>
        <source>%1分钟</source>
        <translation>%1分钟</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="155"/>
        <source>%1小时</source>
        <translation>%1小时</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="156"/>
        <source>%1天</source>
        <translation>%1天</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="169"/>
        <source>剩余 %1</source>
        <translation>剩余 %1</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="169"/>
        <source>超时 %1</source>
        <translation>超时 %1</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="197"/>
        <source>未分类</source>
        <translation>未分类</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="222"/>
        <source>专职网格员</source>
        <translation>专职网格员</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="223"/>
        <source>兼职网格员</source>
        <translation>兼职网格员</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="224"/>
        <source>网格长</source>
        <translation>网格长</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="225"/>
        <source>民警</source>
        <translation>民警</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="226"/>
        <source>楼栋长</source>
        <translation>楼栋长</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="227"/>
        <source>志愿者</source>
        <translation>志愿者</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../console/views/login_dialog.py" line="53"/>
        <source>密码错误</source>
        <translation>密码错误</translation>
    </message>
    <message>
        <location filename="../../console/views/login_dialog.py" line="55"/>
        <source>账号已停用，请联系值班长</source>
        <translation>账号已停用，请联系值班长</translation>
    </message>
    <message>
        <location filename="../../console/views/login_dialog.py" line="57"/>
        <source>账号已锁定至 %1（连续输错密码），请稍后再试</source>
        <translation>账号已锁定至 %1（连续输错密码），请稍后再试</translation>
    </message>
    <message>
        <location filename="../../console/views/login_dialog.py" line="60"/>
        <source>账号不存在</source>
        <translation>账号不存在</translation>
    </message>
    <message>
        <location filename="../../console/views/login_dialog.py" line="62"/>
        <source>该数据库中还没有账号，请先用 python main.py users add 创建</source>
        <translation>该数据库中还没有账号，请先用 python main.py users add 创建</translation>
    </message>
    <message>
        <location filename="../../console/views/login_dialog.py" line="73"/>
        <source>网格治理指挥台 — 登录</source>
        <translation>网格治理指挥台 — 登录</translation>
    </message>
    <message>
        <location filename="../../console/views/login_dialog.py" line="77"/>
        <source>网格治理指挥台</source>
        <translation>网格治理指挥台</translation>
    </message>
    <message>
        <location filename="../../console/views/login_dialog.py" line="88"/>
        <source>账号</source>
        <translation>账号</translation>
    </message>
    <message>
        <location filename="../../console/views/login_dialog.py" line="92"/>
        <source>密码</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../console/views/login_dialog.py" line="98"/>
        <source>席位：</source>
        <translation>席位：</translation>
    </message>
    <message>
        <location filename="../../console/views/login_dialog.py" line="102"/>
        <source>数据库：</source>
        <translation>数据库：</translation>
    </message>
    <message>
        <location filename="../../console/views/login_dialog.py" line="103"/>
        <source>账号：</source>
        <translation>账号：</translation>
    </message>
    <message>
        <location filename="../../console/views/login_dialog.py" line="104"/>
        <source>密码：</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location filename="../../console/views/login_dialog.py" line="106"/>
        <source>登录</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../console/views/login_dialog.py" line="109"/>
        <source>退出</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../console/views/login_dialog.py" line="127"/>
        <source>请输入账号</source>
        <translation>请输入账号</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../console/views/main_window.py" line="111"/>
        <source>网格治理指挥台 — %1</source>
        <translation>网格治理指挥台 — %1</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="129"/>
        <source>本工作站未启用地图</source>
        <translation>本工作站未启用地图</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="131"/>
        <source>本工作站未启用视频墙</source>
        <translation>本工作站未启用视频墙</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="137"/>
        <source>通知</source>
        <translation>通知</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="147"/>
        <source>事件队列</source>
        <translation>事件队列</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="152"/>
        <source>网格树</source>
        <translation>网格树</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="156"/>
        <source>事件详情</source>
        <translation>事件详情</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="161"/>
        <source>地图</source>
        <translation>地图</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="165"/>
        <source>视频墙</source>
        <translation>视频墙</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="218"/>
        <source>视图</source>
        <translation>视图</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="224"/>
        <source>重置布局</source>
        <translation>重置布局</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="227"/>
        <source>全屏</source>
        <translation>全屏</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="233"/>
        <source>静音提示音</source>
        <translation>静音提示音</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="240"/>
        <source>语言</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="274"/>
        <source>界面语言将在重新启动后切换</source>
        <translation>界面语言将在重新启动后切换</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="75"/>
        <source>载入中…</source>
        <translation>载入中…</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="121"/>
        <source>%1 · 席位 %2</source>
        <translation>%1 · 席位 %2</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="124"/>
        <source>（培训数据库）</source>
        <translation>（培训数据库）</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="228"/>
        <source>摄像机</source>
        <translation>摄像机</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="277"/>
        <source>历史查询</source>
        <translation>历史查询</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="300"/>
        <source>超期督办</source>
        <translation>超期督办</translation>
    </message>
    <message>
        <location filename="../../console/replay_app.py" line="108"/>
        <location filename="../../console/app.py" line="319"/>
        <source>指挥</source>
        <translation>指挥</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="320"/>
        <source>一键下达…</source>
        <translation>一键下达…</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="326"/>
        <source>接管研判</source>
        <translation>接管研判</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="334"/>
        <source>快捷键说明</source>
        <translation>快捷键说明</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="339"/>
        <source>今日考核</source>
        <translation>今日考核</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="363"/>
        <location filename="../../console/app.py" line="370"/>
        <source>主管大屏</source>
        <translation>主管大屏</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="367"/>
        <source>报表</source>
        <translation>报表</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="372"/>
        <source>导出日报/班次报表…</source>
        <translation>导出日报/班次报表…</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="461"/>
        <source>没有待派遣的事件</source>
        <translation>没有待派遣的事件</translation>
    </message>
    <message>
        <location filename="../../console/views/startup_errors.py" line="101"/>
        <source>网格治理指挥台</source>
        <translation>网格治理指挥台</translation>
    </message>
    <message>
        <location filename="../../console/training_app.py" line="50"/>
        <source>培训评分</source>
        <translation>培训评分</translation>
    </message>
    <message>
        <location filename="../../console/training_app.py" line="54"/>
        <source>【培训】</source>
        <translation>【培训】</translation>
    </message>
</context>
<context>
    <name>MapCanvas</name>
    <message>
        <location filename="../../console/widgets/map_tiles.py" line="129"/>
        <source>底图瓦片无法解码：{0}</source>
        <translation>底图瓦片无法解码：{0}</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_overlays.py" line="125"/>
        <source>图例</source>
        <translation>图例</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_overlays.py" line="126"/>
        <source>显示或收起图例</source>
        <translation>显示或收起图例</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_overlays.py" line="194"/>
        <source>{0} 公里</source>
        <translation>{0} 公里</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_overlays.py" line="195"/>
        <source>{0} 米</source>
        <translation>{0} 米</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_overlays.py" line="239"/>
        <source>北</source>
        <translation>北</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_overlays.py" line="263"/>
        <source>一般</source>
        <translation>一般</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_overlays.py" line="263"/>
        <source>较大</source>
        <translation>较大</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_overlays.py" line="263"/>
        <source>重大</source>
        <translation>重大</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_overlays.py" line="263"/>
        <source>特别重大</source>
        <translation>特别重大</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_overlays.py" line="266"/>
        <source>超时</source>
        <translation>超时</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_overlays.py" line="267"/>
        <source>不在任何网格内</source>
        <translation>不在任何网格内</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_overlays.py" line="270"/>
        <source>网格员在岗</source>
        <translation>网格员在岗</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_overlays.py" line="271"/>
        <source>网格员执行任务</source>
        <translation>网格员执行任务</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_overlays.py" line="272"/>
        <source>网格员位置过期</source>
        <translation>网格员位置过期</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_overlays.py" line="273"/>
        <source>网格员下班</source>
        <translation>网格员下班</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_overlays.py" line="121"/>
        <source>全图</source>
        <translation>全图</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_overlays.py" line="122"/>
        <source>回到全区视图</source>
        <translation>回到全区视图</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_canvas.py" line="497"/>
        <source>事件密度（件/平方公里）</source>
        <translation>事件密度（件/平方公里）</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_canvas.py" line="497"/>
        <source>超时事件数</source>
        <translation>超时事件数</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_workers.py" line="95"/>
        <source>在岗</source>
        <translation>在岗</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_workers.py" line="95"/>
        <source>执行任务</source>
        <translation>执行任务</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_workers.py" line="96"/>
        <source>位置过期</source>
        <translation>位置过期</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_workers.py" line="96"/>
        <source>下班</source>
        <translation>下班</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_workers.py" line="459"/>
        <source>步行约%1分钟</source>
        <translation>步行约%1分钟</translation>
    </message>
</context>
<context>
    <name>MapView</name>
    <message>
        <location filename="../../console/views/map_view.py" line="88"/>
        <source>按事件密度</source>
        <translation>按事件密度</translation>
    </message>
    <message>
        <location filename="../../console/views/map_view.py" line="89"/>
        <source>按超时数量</source>
        <translation>按超时数量</translation>
    </message>
    <message>
        <location filename="../../console/views/map_view.py" line="94"/>
        <source>全图</source>
        <translation>全图</translation>
    </message>
    <message>
        <location filename="../../console/views/map_view.py" line="245"/>
        <source>底图不可用：{0}（地图仍可使用）</source>
        <translation>底图不可用：{0}（地图仍可使用）</translation>
    </message>
    <message>
        <location filename="../../console/views/map_view.py" line="35"/>
        <source>底图</source>
        <translation>底图</translation>
    </message>
    <message>
        <location filename="../../console/views/map_view.py" line="36"/>
        <source>网格</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../console/views/map_view.py" line="37"/>
        <source>名称</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../console/views/map_view.py" line="38"/>
        <source>警格</source>
        <translation>警格</translation>
    </message>
    <message>
        <location filename="../../console/views/map_view.py" line="39"/>
        <source>热力填色</source>
        <translation>热力填色</translation>
    </message>
    <message>
        <location filename="../../console/views/map_view.py" line="40"/>
        <source>事件</source>
        <translation>事件</translation>
    </message>
    <message>
        <location filename="../../console/views/map_view.py" line="41"/>
        <source>网格员</source>
        <translation>网格员</translation>
    </message>
    <message>
        <location filename="../../console/views/map_view.py" line="42"/>
        <source>轨迹</source>
        <translation>轨迹</translation>
    </message>
    <message>
        <location filename="../../console/views/map_view.py" line="43"/>
        <source>巡查覆盖</source>
        <translation>巡查覆盖</translation>
    </message>
    <message>
        <location filename="../../console/views/map_view.py" line="44"/>
        <source>摄像头</source>
        <translation>摄像头</translation>
    </message>
</context>
<context>
    <name>Notices</name>
    <message>
        <location filename="../../console/views/notices.py" line="71"/>
        <source>关闭此通知</source>
        <translation>关闭此通知</translation>
    </message>
    <message>
        <location filename="../../console/views/notices.py" line="82"/>
        <source>点击选中该事件</source>
        <translation>点击选中该事件</translation>
    </message>
    <message>
        <location filename="../../console/views/notices.py" line="120"/>
        <source>通知记录</source>
        <translation>通知记录</translation>
    </message>
    <message>
        <location filename="../../console/views/notices.py" line="121"/>
        <source>最近的确认和错误信息</source>
        <translation>最近的确认和错误信息</translation>
    </message>
    <message>
        <location filename="../../console/views/notices.py" line="184"/>
        <source>暂无通知</source>
        <translation>暂无通知</translation>
    </message>
</context>
<context>
    <name>Outcomes</name>
    <message>
        <location filename="../../console/views/outcome_text.py" line="54"/>
        <source>已派遣至 %1，时限 %2</source>
        <translation>已派遣至 %1，时限 %2</translation>
    </message>
    <message>
        <location filename="../../console/views/outcome_text.py" line="55"/>
        <source>已派遣至 %1</source>
        <translation>已派遣至 %1</translation>
    </message>
    <message>
        <location filename="../../console/views/outcome_text.py" line="58"/>
        <source>已合并为重复上报，并入：%1</source>
        <translation>已合并为重复上报，并入：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/outcome_text.py" line="61"/>
        <source>已在最高层级，无法继续上报</source>
        <translation>已在最高层级，无法继续上报</translation>
    </message>
    <message>
        <location filename="../../console/views/outcome_text.py" line="67"/>
        <source>已上报至%1</source>
        <translation>已上报至%1</translation>
    </message>
    <message>
        <location filename="../../console/views/outcome_text.py" line="69"/>
        <source>已吹哨：%1</source>
        <translation>已吹哨：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/outcome_text.py" line="71"/>
        <source>（报到时限 %1）</source>
        <translation>（报到时限 %1）</translation>
    </message>
    <message>
        <location filename="../../console/views/outcome_text.py" line="75"/>
        <source>已延期至 %1，批准人 %2</source>
        <translation>已延期至 %1，批准人 %2</translation>
    </message>
    <message>
        <location filename="../../console/views/outcome_text.py" line="78"/>
        <source>已立案</source>
        <translation>已立案</translation>
    </message>
    <message>
        <location filename="../../console/views/outcome_text.py" line="79"/>
        <source>已不予立案</source>
        <translation>已不予立案</translation>
    </message>
    <message>
        <location filename="../../console/views/outcome_text.py" line="80"/>
        <source>已督办</source>
        <translation>已督办</translation>
    </message>
    <message>
        <location filename="../../console/views/outcome_text.py" line="81"/>
        <source>已吹哨</source>
        <translation>已吹哨</translation>
    </message>
    <message>
        <location filename="../../console/views/outcome_text.py" line="82"/>
        <source>已核查通过并结案</source>
        <translation>已核查通过并结案</translation>
    </message>
    <message>
        <location filename="../../console/views/outcome_text.py" line="83"/>
        <source>核查不通过，已退回处置单位重办</source>
        <translation>核查不通过，已退回处置单位重办</translation>
    </message>
    <message>
        <location filename="../../console/views/outcome_text.py" line="84"/>
        <source>已延期</source>
        <translation>已延期</translation>
    </message>
    <message>
        <location filename="../../console/views/outcome_text.py" line="85"/>
        <source>已恢复办理</source>
        <translation>已恢复办理</translation>
    </message>
    <message>
        <location filename="../../console/views/outcome_text.py" line="86"/>
        <source>已重新打开</source>
        <translation>已重新打开</translation>
    </message>
    <message>
        <location filename="../../console/views/outcome_text.py" line="88"/>
        <source>已完成</source>
        <translation>已完成</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <location filename="../../console/qtmodels/queue_model.py" line="77"/>
        <source>级别</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/queue_model.py" line="78"/>
        <source>派遣倒计时</source>
        <translation>派遣倒计时</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/queue_model.py" line="79"/>
        <source>标题</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/queue_model.py" line="80"/>
        <source>类别</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/queue_model.py" line="81"/>
        <source>网格</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/queue_model.py" line="82"/>
        <source>来源</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/queue_model.py" line="83"/>
        <source>时长</source>
        <translation>时长</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/queue_model.py" line="84"/>
        <source>状态</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/queue_model.py" line="85"/>
        <source>责任单位</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/queue_model.py" line="380"/>
        <source>演练</source>
        <translation>演练</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/queue_model.py" line="414"/>
        <source>%1 正在研判</source>
        <translation>%1 正在研判</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/queue_cells.py" line="129"/>
        <source>接收于 %1</source>
        <translation>接收于 %1</translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <location filename="../../console/views/queue_view.py" line="65"/>
        <source>搜索标题、描述、地址</source>
        <translation>搜索标题、描述、地址</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="68"/>
        <source>全部级别</source>
        <translation>全部级别</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="72"/>
        <source>重大及以上</source>
        <translation>重大及以上</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="76"/>
        <source>全部状态</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="76"/>
        <source>待派遣</source>
        <translation>待派遣</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="81"/>
        <source>全部来源</source>
        <translation>全部来源</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="84"/>
        <source>全部类别</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="87"/>
        <source>只看我的</source>
        <translation>只看我的</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="88"/>
        <source>只看超期</source>
        <translation>只看超期</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="92"/>
        <source>静音：新到重大/特别重大事件不再响铃</source>
        <translation>静音：新到重大/特别重大事件不再响铃</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="97"/>
        <source>取消网格筛选</source>
        <translation>取消网格筛选</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="201"/>
        <source>网格：%1</source>
        <translation>网格：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="213"/>
        <source>显示 %1 / 共 %2 件</source>
        <translation>显示 %1 / 共 %2 件</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="219"/>
        <source>已静音</source>
        <translation>已静音</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="219"/>
        <source>提示音</source>
        <translation>提示音</translation>
    </message>
</context>
<context>
    <name>Reasons</name>
    <message>
        <location filename="../../console/qtmodels/reasons.py" line="23"/>
        <source>命中关键词：%1</source>
        <translation>命中关键词：%1</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/reasons.py" line="24"/>
        <source>命中关键词：%1（类别名“%2”）</source>
        <translation>命中关键词：%1（类别名“%2”）</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/reasons.py" line="25"/>
        <source>上报来源已分类</source>
        <translation>上报来源已分类</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/reasons.py" line="26"/>
        <source>未命中关键词，请人工分类</source>
        <translation>未命中关键词，请人工分类</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/reasons.py" line="27"/>
        <source>“%1”属%2类，责任部门为%3</source>
        <translation>“%1”属%2类，责任部门为%3</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/reasons.py" line="28"/>
        <source>未分类事件，先交%1研判</source>
        <translation>未分类事件，先交%1研判</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/reasons.py" line="29"/>
        <source>本网格在岗%1：%2</source>
        <translation>本网格在岗%1：%2</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/reasons.py" line="30"/>
        <source>本网格无在岗人员，上溯至%1在岗%2：%3</source>
        <translation>本网格无在岗人员，上溯至%1在岗%2：%3</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/reasons.py" line="32"/>
        <source>本网格及上级网格均无在岗网格员</source>
        <translation>本网格及上级网格均无在岗网格员</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/reasons.py" line="33"/>
        <source>研判模型：%1（置信度%2）；依据：%3</source>
        <translation>研判模型：%1（置信度%2）；依据：%3</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/reasons.py" line="34"/>
        <source>把握不足（最高置信度%1），需人工研判；候选：%2</source>
        <translation>把握不足（最高置信度%1），需人工研判；候选：%2</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/reasons.py" line="36"/>
        <source>权责清单：“%1”由%2负责；责任网格：%3</source>
        <translation>权责清单：“%1”由%2负责；责任网格：%3</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/reasons.py" line="38"/>
        <source>步行最近的在岗%1：%2（直线%3米，步行约%4分钟）</source>
        <translation>步行最近的在岗%1：%2（直线%3米，步行约%4分钟）</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/reasons.py" line="40"/>
        <source>30分钟内无在岗网格员可到达：最近的%1步行约%2分钟</source>
        <translation>30分钟内无在岗网格员可到达：最近的%1步行约%2分钟</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/reasons.py" line="42"/>
        <source>同类（%1），相距%2米，间隔%3分钟</source>
        <translation>同类（%1），相距%2米，间隔%3分钟</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/reasons.py" line="44"/>
        <source>同类（%1），相距%2米，间隔%3分钟，标题相似度%4</source>
        <translation>同类（%1），相距%2米，间隔%3分钟，标题相似度%4</translation>
    </message>
</context>
<context>
    <name>Refusals</name>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="23"/>
        <source>事件当前状态为“%1”，不能%2</source>
        <translation>事件当前状态为“%1”，不能%2</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="24"/>
        <source>不予立案必须填写理由</source>
        <translation>不予立案必须填写理由</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="25"/>
        <source>不能把事件合并到它自己</source>
        <translation>不能把事件合并到它自己</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="26"/>
        <source>目标事件 %1 已结案或不予立案，不能合并进去</source>
        <translation>目标事件 %1 已结案或不予立案，不能合并进去</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="27"/>
        <source>派遣指令不能为空</source>
        <translation>派遣指令不能为空</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="28"/>
        <source>请选择至少一个处置单位</source>
        <translation>请选择至少一个处置单位</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="29"/>
        <source>事件已派遣给 %1，无需重复派遣</source>
        <translation>事件已派遣给 %1，无需重复派遣</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="30"/>
        <source>请填写督办意见</source>
        <translation>请填写督办意见</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="31"/>
        <source>至少选择一个部门</source>
        <translation>至少选择一个部门</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="32"/>
        <source>请填写吹哨事由</source>
        <translation>请填写吹哨事由</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="33"/>
        <source>延期须填写批准人</source>
        <translation>延期须填写批准人</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="34"/>
        <source>请填写延期理由</source>
        <translation>请填写延期理由</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="35"/>
        <source>延期截止时间必须晚于现在</source>
        <translation>延期截止时间必须晚于现在</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="36"/>
        <source>请填写核查不通过的原因</source>
        <translation>请填写核查不通过的原因</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="37"/>
        <source>请填写重新打开的原因</source>
        <translation>请填写重新打开的原因</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="38"/>
        <source>事件正在由 %1 处理，请勿重复处置</source>
        <translation>事件正在由 %1 处理，请勿重复处置</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="39"/>
        <source>接管未成功：%1 已先接管该事件的研判</source>
        <translation>接管未成功：%1 已先接管该事件的研判</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="40"/>
        <source>事件 %1 不存在</source>
        <translation>事件 %1 不存在</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="41"/>
        <source>处置单位 %1 不存在或已停用，请重新选择</source>
        <translation>处置单位 %1 不存在或已停用，请重新选择</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="42"/>
        <source>未知的事件类别：%1</source>
        <translation>未知的事件类别：%1</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="43"/>
        <source>派遣指令未被事件中枢接受：%1；事件已恢复为派遣前状态</source>
        <translation>派遣指令未被事件中枢接受：%1；事件已恢复为派遣前状态</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="44"/>
        <source>未连接事件中枢，派遣指令无法送达，请检查数据连接</source>
        <translation>未连接事件中枢，派遣指令无法送达，请检查数据连接</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="45"/>
        <source>事件 %1 已被其他席位或现场反馈更新，请刷新后重新研判</source>
        <translation>事件 %1 已被其他席位或现场反馈更新，请刷新后重新研判</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="46"/>
        <source>事件 %1 不在实时队列中</source>
        <translation>事件 %1 不在实时队列中</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="47"/>
        <source>培训员账号不能在实战席位%1（只能在培训数据库中操作）</source>
        <translation>培训员账号不能在实战席位%1（只能在培训数据库中操作）</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="48"/>
        <source>%1账号只能查看，不能%2</source>
        <translation>%1账号只能查看，不能%2</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="49"/>
        <source>%1账号不能%2，须由值班长账号操作</source>
        <translation>%1账号不能%2，须由值班长账号操作</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="50"/>
        <source>事件 %1 不是下级上报的事件，不能退回</source>
        <translation>事件 %1 不是下级上报的事件，不能退回</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="51"/>
        <source>退回时请填写处理意见</source>
        <translation>退回时请填写处理意见</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="52"/>
        <source>复盘模式：记录只读，不能修改</source>
        <translation>复盘模式：记录只读，不能修改</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="55"/>
        <location filename="../../console/qtmodels/refusals.py" line="80"/>
        <source>立案</source>
        <translation>立案</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="56"/>
        <location filename="../../console/qtmodels/refusals.py" line="81"/>
        <source>不予立案</source>
        <translation>不予立案</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="57"/>
        <source>合并</source>
        <translation>合并</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="58"/>
        <location filename="../../console/qtmodels/refusals.py" line="83"/>
        <source>派遣</source>
        <translation>派遣</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="59"/>
        <location filename="../../console/qtmodels/refusals.py" line="85"/>
        <source>上报</source>
        <translation>上报</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="60"/>
        <source>督办（仅对已派遣、处置中的事件）</source>
        <translation>督办（仅对已派遣、处置中的事件）</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="61"/>
        <location filename="../../console/qtmodels/refusals.py" line="87"/>
        <source>吹哨</source>
        <translation>吹哨</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="62"/>
        <source>延期</source>
        <translation>延期</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="63"/>
        <source>恢复（事件未挂起）</source>
        <translation>恢复（事件未挂起）</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="64"/>
        <source>核查（仅已处置待核查的事件）</source>
        <translation>核查（仅已处置待核查的事件）</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="65"/>
        <source>重新打开</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="66"/>
        <source>转为该状态</source>
        <translation>转为该状态</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="67"/>
        <source>退回下级</source>
        <translation>退回下级</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="72"/>
        <source>值班员</source>
        <translation>值班员</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="73"/>
        <source>值班长</source>
        <translation>值班长</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="74"/>
        <source>培训员</source>
        <translation>培训员</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="75"/>
        <source>大屏</source>
        <translation>大屏</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="78"/>
        <source>认领事件</source>
        <translation>认领事件</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="79"/>
        <source>接管其他席位认领的事件</source>
        <translation>接管其他席位认领的事件</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="82"/>
        <source>合并事件</source>
        <translation>合并事件</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="84"/>
        <source>撤回派遣</source>
        <translation>撤回派遣</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="86"/>
        <source>督办</source>
        <translation>督办</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="88"/>
        <source>批准延期（挂起）</source>
        <translation>批准延期（挂起）</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="89"/>
        <source>恢复</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="90"/>
        <location filename="../../console/qtmodels/refusals.py" line="91"/>
        <source>核查</source>
        <translation>核查</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="92"/>
        <source>重新打开事件</source>
        <translation>重新打开事件</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="93"/>
        <source>一键下达</source>
        <translation>一键下达</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/refusals.py" line="94"/>
        <source>记录处置日志</source>
        <translation>记录处置日志</translation>
    </message>
</context>
<context>
    <name>Replay</name>
    <message>
        <location filename="../../console/views/replay_view.py" line="42"/>
        <location filename="../../console/views/replay_view.py" line="52"/>
        <location filename="../../console/replay_app.py" line="95"/>
        <source>复盘模式 · 非实时</source>
        <translation>复盘模式 · 非实时</translation>
    </message>
    <message>
        <location filename="../../console/views/replay_view.py" line="46"/>
        <source>播放中 %1×</source>
        <translation>播放中 %1×</translation>
    </message>
    <message>
        <location filename="../../console/views/replay_view.py" line="46"/>
        <source>已暂停</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../../console/views/replay_view.py" line="87"/>
        <source>◀ 上一动作</source>
        <translation>◀ 上一动作</translation>
    </message>
    <message>
        <location filename="../../console/views/replay_view.py" line="90"/>
        <source>下一动作 ▶</source>
        <translation>下一动作 ▶</translation>
    </message>
    <message>
        <location filename="../../console/views/replay_view.py" line="99"/>
        <source>跳到所选事件接报时刻</source>
        <translation>跳到所选事件接报时刻</translation>
    </message>
    <message>
        <location filename="../../console/views/replay_view.py" line="101"/>
        <location filename="../../console/views/replay_view.py" line="183"/>
        <source>加书签</source>
        <translation>加书签</translation>
    </message>
    <message>
        <location filename="../../console/views/replay_view.py" line="103"/>
        <location filename="../../console/views/replay_view.py" line="183"/>
        <source>写培训笔记</source>
        <translation>写培训笔记</translation>
    </message>
    <message>
        <location filename="../../console/views/replay_view.py" line="109"/>
        <source>速度</source>
        <translation>速度</translation>
    </message>
    <message>
        <location filename="../../console/views/replay_view.py" line="128"/>
        <source>❚❚ 暂停</source>
        <translation>❚❚ 暂停</translation>
    </message>
    <message>
        <location filename="../../console/views/replay_view.py" line="128"/>
        <source>▶ 播放</source>
        <translation>▶ 播放</translation>
    </message>
    <message>
        <location filename="../../console/views/replay_view.py" line="148"/>
        <source>导出 CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <location filename="../../console/views/replay_view.py" line="150"/>
        <source>导出 JSON</source>
        <translation>导出 JSON</translation>
    </message>
    <message>
        <location filename="../../console/views/replay_view.py" line="152"/>
        <source>删除</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../console/views/replay_view.py" line="164"/>
        <source>书签</source>
        <translation>书签</translation>
    </message>
    <message>
        <location filename="../../console/views/replay_view.py" line="164"/>
        <source>笔记</source>
        <translation>笔记</translation>
    </message>
    <message>
        <location filename="../../console/views/replay_view.py" line="184"/>
        <source>书签名称：</source>
        <translation>书签名称：</translation>
    </message>
    <message>
        <location filename="../../console/views/replay_view.py" line="184"/>
        <source>笔记内容：</source>
        <translation>笔记内容：</translation>
    </message>
    <message>
        <location filename="../../console/replay_app.py" line="97"/>
        <location filename="../../console/replay_app.py" line="376"/>
        <source>复盘</source>
        <translation>复盘</translation>
    </message>
    <message>
        <location filename="../../console/replay_app.py" line="113"/>
        <source>复盘时间轴</source>
        <translation>复盘时间轴</translation>
    </message>
    <message>
        <location filename="../../console/replay_app.py" line="115"/>
        <source>书签与笔记</source>
        <translation>书签与笔记</translation>
    </message>
    <message>
        <location filename="../../console/replay_app.py" line="290"/>
        <source>导出书签与笔记</source>
        <translation>导出书签与笔记</translation>
    </message>
    <message>
        <location filename="../../console/replay_app.py" line="294"/>
        <source>已导出 %1 条</source>
        <translation>已导出 %1 条</translation>
    </message>
    <message>
        <location filename="../../console/replay_app.py" line="356"/>
        <source>正在载入复盘记录并建立快照…</source>
        <translation>正在载入复盘记录并建立快照…</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <location filename="../../console/views/login_dialog.py" line="36"/>
        <source>值班员</source>
        <translation>值班员</translation>
    </message>
    <message>
        <location filename="../../console/views/login_dialog.py" line="37"/>
        <source>值班长</source>
        <translation>值班长</translation>
    </message>
    <message>
        <location filename="../../console/views/login_dialog.py" line="38"/>
        <source>培训员</source>
        <translation>培训员</translation>
    </message>
    <message>
        <location filename="../../console/views/login_dialog.py" line="39"/>
        <source>大屏</source>
        <translation>大屏</translation>
    </message>
    <message>
        <location filename="../../console/views/login_dialog.py" line="45"/>
        <source>%1（%2）</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>Score</name>
    <message>
        <location filename="../../console/views/score_report.py" line="29"/>
        <source>一致</source>
        <translation>一致</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="29"/>
        <source>不一致</source>
        <translation>不一致</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="29"/>
        <source>未派遣</source>
        <translation>未派遣</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="30"/>
        <source>无需派遣</source>
        <translation>无需派遣</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="30"/>
        <source>原值班员未派遣</source>
        <translation>原值班员未派遣</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="31"/>
        <source>正确</source>
        <translation>正确</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="31"/>
        <location filename="../../console/views/score_report.py" line="49"/>
        <source>应上报未上报</source>
        <translation>应上报未上报</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="31"/>
        <location filename="../../console/views/score_report.py" line="50"/>
        <source>不必要的上报</source>
        <translation>不必要的上报</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="32"/>
        <location filename="../../console/views/score_report.py" line="52"/>
        <source>核查后结案</source>
        <translation>核查后结案</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="32"/>
        <location filename="../../console/views/score_report.py" line="53"/>
        <source>待核查</source>
        <translation>待核查</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="33"/>
        <source>未核查即结案</source>
        <translation>未核查即结案</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="33"/>
        <source>处理中</source>
        <translation>处理中</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="40"/>
        <source>事件数</source>
        <translation>事件数</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="41"/>
        <source>需派遣</source>
        <translation>需派遣</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="42"/>
        <source>已派遣</source>
        <translation>已派遣</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="43"/>
        <source>派遣用时中位数</source>
        <translation>派遣用时中位数</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="44"/>
        <source>派遣用时p90</source>
        <translation>派遣用时p90</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="45"/>
        <source>60秒内派遣率</source>
        <translation>60秒内派遣率</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="46"/>
        <source>部门与职责清单一致率</source>
        <translation>部门与职责清单一致率</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="47"/>
        <source>部门与原值班员一致率</source>
        <translation>部门与原值班员一致率</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="48"/>
        <source>上报次数</source>
        <translation>上报次数</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="51"/>
        <source>造成超时</source>
        <translation>造成超时</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="88"/>
        <location filename="../../console/views/score_report.py" line="159"/>
        <source>培训评分报告</source>
        <translation>培训评分报告</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="89"/>
        <source>学员</source>
        <translation>学员</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="90"/>
        <source>录制时段</source>
        <translation>录制时段</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="91"/>
        <source>已播放</source>
        <translation>已播放</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="92"/>
        <source>录制库</source>
        <translation>录制库</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="93"/>
        <source>生成时间</source>
        <translation>生成时间</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="94"/>
        <source>汇总（与原值班员对比）</source>
        <translation>汇总（与原值班员对比）</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="95"/>
        <source>指标</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="96"/>
        <source>原值班员</source>
        <translation>原值班员</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="97"/>
        <source>逐件评分</source>
        <translation>逐件评分</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="122"/>
        <source>事件</source>
        <translation>事件</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="122"/>
        <source>派遣用时</source>
        <translation>派遣用时</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="122"/>
        <source>原值班员用时</source>
        <translation>原值班员用时</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="123"/>
        <source>派遣部门</source>
        <translation>派遣部门</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="123"/>
        <source>对照职责清单</source>
        <translation>对照职责清单</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="123"/>
        <source>对照原值班员</source>
        <translation>对照原值班员</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="124"/>
        <source>上报</source>
        <translation>上报</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="124"/>
        <source>超时</source>
        <translation>超时</translation>
    </message>
    <message>
        <location filename="../../console/views/score_report.py" line="124"/>
        <source>核查</source>
        <translation>核查</translation>
    </message>
</context>
<context>
    <name>ScoreDock</name>
    <message>
        <location filename="../../console/views/score_dock.py" line="56"/>
        <source>培训评分：等待第一件事件…</source>
        <translation>培训评分：等待第一件事件…</translation>
    </message>
    <message>
        <location filename="../../console/views/score_dock.py" line="59"/>
        <source>指标</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../console/views/score_dock.py" line="59"/>
        <source>学员</source>
        <translation>学员</translation>
    </message>
    <message>
        <location filename="../../console/views/score_dock.py" line="59"/>
        <location filename="../../console/views/score_dock.py" line="61"/>
        <source>原值班员</source>
        <translation>原值班员</translation>
    </message>
    <message>
        <location filename="../../console/views/score_dock.py" line="61"/>
        <source>事件</source>
        <translation>事件</translation>
    </message>
    <message>
        <location filename="../../console/views/score_dock.py" line="61"/>
        <source>派遣用时</source>
        <translation>派遣用时</translation>
    </message>
    <message>
        <location filename="../../console/views/score_dock.py" line="62"/>
        <source>部门</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../console/views/score_dock.py" line="62"/>
        <source>上报</source>
        <translation>上报</translation>
    </message>
    <message>
        <location filename="../../console/views/score_dock.py" line="62"/>
        <source>核查</source>
        <translation>核查</translation>
    </message>
    <message>
        <location filename="../../console/views/score_dock.py" line="122"/>
        <source>学员 %1 · 已播放 %2/%3 件 · 目标：60秒内派遣</source>
        <translation>学员 %1 · 已播放 %2/%3 件 · 目标：60秒内派遣</translation>
    </message>
    <message>
        <location filename="../../console/views/score_dock.py" line="148"/>
        <source>%1（%2）</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>Scrubber</name>
    <message>
        <location filename="../../console/widgets/scrubber.py" line="37"/>
        <source>重大事件</source>
        <translation>重大事件</translation>
    </message>
    <message>
        <location filename="../../console/widgets/scrubber.py" line="38"/>
        <source>超时</source>
        <translation>超时</translation>
    </message>
    <message>
        <location filename="../../console/widgets/scrubber.py" line="39"/>
        <source>上报</source>
        <translation>上报</translation>
    </message>
    <message>
        <location filename="../../console/widgets/scrubber.py" line="40"/>
        <source>吹哨</source>
        <translation>吹哨</translation>
    </message>
    <message>
        <location filename="../../console/widgets/scrubber.py" line="41"/>
        <source>书签</source>
        <translation>书签</translation>
    </message>
    <message>
        <location filename="../../console/widgets/scrubber.py" line="59"/>
        <source>每分钟接报</source>
        <translation>每分钟接报</translation>
    </message>
</context>
<context>
    <name>SlaBadge</name>
    <message>
        <location filename="../../console/widgets/sla_badge.py" line="62"/>
        <source>无时限</source>
        <translation>无时限</translation>
    </message>
    <message>
        <location filename="../../console/widgets/sla_badge.py" line="66"/>
        <source>超时 %1</source>
        <translation>超时 %1</translation>
    </message>
    <message>
        <location filename="../../console/widgets/sla_badge.py" line="70"/>
        <location filename="../../console/widgets/sla_badge.py" line="72"/>
        <source>剩余 %1</source>
        <translation>剩余 %1</translation>
    </message>
</context>
<context>
    <name>StartupError</name>
    <message>
        <location filename="../../console/views/startup_errors.py" line="22"/>
        <source>%1：不是有效的数据库地址（%2）</source>
        <translation>%1：不是有效的数据库地址（%2）</translation>
    </message>
    <message>
        <location filename="../../console/views/startup_errors.py" line="24"/>
        <source>%1：无法使用数据目录 %2，它已存在但不是目录</source>
        <translation>%1：无法使用数据目录 %2，它已存在但不是目录</translation>
    </message>
    <message>
        <location filename="../../console/views/startup_errors.py" line="26"/>
        <source>%1：无法创建数据目录 %2（%3）</source>
        <translation>%1：无法创建数据目录 %2（%3）</translation>
    </message>
    <message>
        <location filename="../../console/views/startup_errors.py" line="28"/>
        <source>%1：数据目录 %2 不可写</source>
        <translation>%1：数据目录 %2 不可写</translation>
    </message>
    <message>
        <location filename="../../console/views/startup_errors.py" line="30"/>
        <source>%1：这是一个目录，不是数据库文件</source>
        <translation>%1：这是一个目录，不是数据库文件</translation>
    </message>
    <message>
        <location filename="../../console/views/startup_errors.py" line="32"/>
        <source>%1：数据库文件不可写（只读或没有权限）</source>
        <translation>%1：数据库文件不可写（只读或没有权限）</translation>
    </message>
    <message>
        <location filename="../../console/views/startup_errors.py" line="34"/>
        <source>%1：无法读取数据库文件（%2）</source>
        <translation>%1：无法读取数据库文件（%2）</translation>
    </message>
    <message>
        <location filename="../../console/views/startup_errors.py" line="36"/>
        <source>%1：不是 SQLite 数据库（文件已损坏或是其他类型的文件），文件未作任何改动</source>
        <translation>%1：不是 SQLite 数据库（文件已损坏或是其他类型的文件），文件未作任何改动</translation>
    </message>
    <message>
        <location filename="../../console/views/startup_errors.py" line="38"/>
        <source>%1：无法打开数据库文件（%2）</source>
        <translation>%1：无法打开数据库文件（%2）</translation>
    </message>
    <message>
        <location filename="../../console/views/startup_errors.py" line="40"/>
        <source>%1：数据库文件已损坏或无法读取（%2），文件未作任何改动</source>
        <translation>%1：数据库文件已损坏或无法读取（%2），文件未作任何改动</translation>
    </message>
    <message>
        <location filename="../../console/views/startup_errors.py" line="43"/>
        <source>%1：属于其他应用程序（SQLite application_id %2），不是指挥台数据库，文件未作任何改动</source>
        <translation>%1：属于其他应用程序（SQLite application_id %2），不是指挥台数据库，文件未作任何改动</translation>
    </message>
    <message>
        <location filename="../../console/views/startup_errors.py" line="46"/>
        <source>%1：不是指挥台数据库（其中有其他数据表：%2），拒绝迁移或覆盖</source>
        <translation>%1：不是指挥台数据库（其中有其他数据表：%2），拒绝迁移或覆盖</translation>
    </message>
    <message>
        <location filename="../../console/views/startup_errors.py" line="49"/>
        <source>%1：数据库结构（修订 %2，版本 %3）比本指挥台支持的（修订 %4，版本 %5）更新，请升级指挥台；数据库未作任何改动</source>
        <translation>%1：数据库结构（修订 %2，版本 %3）比本指挥台支持的（修订 %4，版本 %5）更新，请升级指挥台；数据库未作任何改动</translation>
    </message>
    <message>
        <location filename="../../console/views/startup_errors.py" line="52"/>
        <source>%1：机房数据库的结构（修订 %2）比本指挥台（修订 %3，版本 %4）旧；它由所有席位共用，打开时不会自动升级。请在所有席位都更新到本版本后，运行 python main.py db upgrade --db &lt;地址&gt; 升级</source>
        <translation>%1：机房数据库的结构（修订 %2）比本指挥台（修订 %3，版本 %4）旧；它由所有席位共用，打开时不会自动升级。请在所有席位都更新到本版本后，运行 python main.py db upgrade --db &lt;地址&gt; 升级</translation>
    </message>
    <message>
        <location filename="../../console/views/startup_errors.py" line="55"/>
        <source>%1：指挥台数据库缺少结构修订号（可能已损坏），文件未作任何改动</source>
        <translation>%1：指挥台数据库缺少结构修订号（可能已损坏），文件未作任何改动</translation>
    </message>
    <message>
        <location filename="../../console/views/startup_errors.py" line="57"/>
        <source>%1：无法打开数据库（%2）</source>
        <translation>%1：无法打开数据库（%2）</translation>
    </message>
    <message>
        <location filename="../../console/views/startup_errors.py" line="62"/>
        <source>无法打开数据库：%1</source>
        <translation>无法打开数据库：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/startup_errors.py" line="63"/>
        <source>辖区数据有误，无法载入：%1</source>
        <translation>辖区数据有误，无法载入：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/startup_errors.py" line="64"/>
        <source>时限规则表（sla.toml）有误：%1</source>
        <translation>时限规则表（sla.toml）有误：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/startup_errors.py" line="65"/>
        <source>数据连接地址无效：%1（应为 ws://主机:端口/feed）</source>
        <translation>数据连接地址无效：%1（应为 ws://主机:端口/feed）</translation>
    </message>
    <message>
        <location filename="../../console/views/startup_errors.py" line="66"/>
        <source>数据连接令牌无法使用：%1</source>
        <translation>数据连接令牌无法使用：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/startup_errors.py" line="67"/>
        <source>数据连接的 TLS 设置有误：%1</source>
        <translation>数据连接的 TLS 设置有误：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/startup_errors.py" line="68"/>
        <source>无法登录：%1</source>
        <translation>无法登录：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/startup_errors.py" line="69"/>
        <source>上下级链路配置有误：%1</source>
        <translation>上下级链路配置有误：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/startup_errors.py" line="70"/>
        <source>网格员定位（MQTT）设置有误：%1</source>
        <translation>网格员定位（MQTT）设置有误：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/startup_errors.py" line="71"/>
        <source>无法启动：%1</source>
        <translation>无法启动：%1</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../../console/views/status_bar.py" line="77"/>
        <source>未连接</source>
        <translation>未连接</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="81"/>
        <source>数据连接状态…</source>
        <translation>数据连接状态…</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="87"/>
        <source>中枢日志已重置</source>
        <translation>中枢日志已重置</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="142"/>
        <source>接入写入：本席位</source>
        <translation>接入写入：本席位</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="145"/>
        <source>接入写入：%1</source>
        <translation>接入写入：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="39"/>
        <source>本席位不接入数据源，由%1写入</source>
        <translation>本席位不接入数据源，由%1写入</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="154"/>
        <source>接入写入：无（接管中…）</source>
        <translation>接入写入：无（接管中…）</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="156"/>
        <source>本席位不接入数据源，等待其他席位接管写入…</source>
        <translation>本席位不接入数据源，等待其他席位接管写入…</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="173"/>
        <source>本席位不接入数据源，由%1写入（%2）</source>
        <translation>本席位不接入数据源，由%1写入（%2）</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="185"/>
        <source>载入在办事件 %1 / %2…</source>
        <translation>载入在办事件 %1 / %2…</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="220"/>
        <source>写入席位的数据连接（更新于 %1）：%2</source>
        <translation>写入席位的数据连接（更新于 %1）：%2</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="225"/>
        <source>未连接事件中枢</source>
        <translation>未连接事件中枢</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="228"/>
        <source>数据连接：%1</source>
        <translation>数据连接：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="229"/>
        <source>状态：%1</source>
        <translation>状态：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="236"/>
        <source>单击查看数据连接状态</source>
        <translation>单击查看数据连接状态</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="253"/>
        <source>%1（未加密）</source>
        <translation>%1（未加密）</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="263"/>
        <source>积压 %1</source>
        <translation>积压 %1</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="267"/>
        <source>序号 %1</source>
        <translation>序号 %1</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="276"/>
        <source>隔离 %1</source>
        <translation>隔离 %1</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="282"/>
        <source>接收速率 %1 条/秒</source>
        <translation>接收速率 %1 条/秒</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="291"/>
        <source>已连接</source>
        <translation>已连接</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="292"/>
        <source>连接中</source>
        <translation>连接中</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="293"/>
        <location filename="../../console/views/status_bar.py" line="295"/>
        <source>已断开</source>
        <translation>已断开</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="294"/>
        <source>凭据被拒绝</source>
        <translation>凭据被拒绝</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="296"/>
        <source>已停止</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="298"/>
        <source>上下级链路：%1 · 待上行 %2 · 待下行 %3</source>
        <translation>上下级链路：%1 · 待上行 %2 · 待下行 %3</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="302"/>
        <source>链路服务器：%1</source>
        <translation>链路服务器：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="303"/>
        <source>最近确认：%1</source>
        <translation>最近确认：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="306"/>
        <source>隔离消息 %1 条</source>
        <translation>隔离消息 %1 条</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="318"/>
        <source>网格员定位：已连接</source>
        <translation>网格员定位：已连接</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="319"/>
        <source>网格员定位：已断开，重试中</source>
        <translation>网格员定位：已断开，重试中</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="320"/>
        <source>网格员定位：MQTT 用户名或密码被拒绝</source>
        <translation>网格员定位：MQTT 用户名或密码被拒绝</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="321"/>
        <source>网格员定位：TLS 握手失败</source>
        <translation>网格员定位：TLS 握手失败</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="322"/>
        <source>网格员定位：%1</source>
        <translation>网格员定位：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="324"/>
        <source>定位服务器：%1</source>
        <translation>定位服务器：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="328"/>
        <source>请检查 --mqtt-user 与 --mqtt-password-file（或服务器的密码文件）</source>
        <translation>请检查 --mqtt-user 与 --mqtt-password-file（或服务器的密码文件）</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="337"/>
        <source>SLA 时限表有误，仍使用上一版：%1</source>
        <translation>SLA 时限表有误，仍使用上一版：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="363"/>
        <source>在办 %1 · 超期 %2</source>
        <translation>在办 %1 · 超期 %2</translation>
    </message>
</context>
<context>
    <name>Training</name>
    <message>
        <location filename="../../console/views/training_overlay.py" line="19"/>
        <source>培训模式</source>
        <translation>培训模式</translation>
    </message>
</context>
<context>
    <name>TriageMenu</name>
    <message>
        <location filename="../../console/views/triage_menu.py" line="33"/>
        <source>研判</source>
        <translation>研判</translation>
    </message>
    <message>
        <location filename="../../console/views/triage_menu.py" line="34"/>
        <source>重新载入权责清单</source>
        <translation>重新载入权责清单</translation>
    </message>
    <message>
        <location filename="../../console/views/triage_menu.py" line="36"/>
        <source>研判模型回退到上一版本</source>
        <translation>研判模型回退到上一版本</translation>
    </message>
    <message>
        <location filename="../../console/views/triage_menu.py" line="58"/>
        <source>研判模型回退中…</source>
        <translation>研判模型回退中…</translation>
    </message>
    <message>
        <location filename="../../console/views/triage_menu.py" line="66"/>
        <source>权责清单有误，继续使用上一版：%1</source>
        <translation>权责清单有误，继续使用上一版：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/triage_menu.py" line="68"/>
        <source>权责清单已载入：%1 项事项</source>
        <translation>权责清单已载入：%1 项事项</translation>
    </message>
    <message>
        <location filename="../../console/views/triage_menu.py" line="76"/>
        <source>研判模型已切换到版本 %1</source>
        <translation>研判模型已切换到版本 %1</translation>
    </message>
</context>
<context>
    <name>VideoTile</name>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="137"/>
        <source>截图</source>
        <translation>截图</translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="138"/>
        <source>把当前画面附加到选中的事件</source>
        <translation>把当前画面附加到选中的事件</translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="265"/>
        <source>该摄像机没有配置视频地址</source>
        <translation>该摄像机没有配置视频地址</translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="320"/>
        <source>视频源没有可播放的画面（编码不支持或只有音频）</source>
        <translation>视频源没有可播放的画面（编码不支持或只有音频）</translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="328"/>
        <source>视频流中断</source>
        <translation>视频流中断</translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="330"/>
        <source>视频数据无法解析</source>
        <translation>视频数据无法解析</translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="335"/>
        <source>连接超时，没有收到画面</source>
        <translation>连接超时，没有收到画面</translation>
    </message>
    <message numerus="yes">
        <location filename="../../console/widgets/video_tile.py" line="338"/>
        <source>画面停止超过 %n 秒</source>
        <translation>
            <numerusform>画面停止超过 %n 秒</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="360"/>
        <source>空闲窗格</source>
        <translation>空闲窗格</translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="377"/>
        <source>连接中</source>
        <translation>连接中</translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="378"/>
        <source>● 直播</source>
        <translation>● 直播</translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="379"/>
        <source>● 信号丢失</source>
        <translation>● 信号丢失</translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="380"/>
        <source>暂停</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="391"/>
        <source>正在连接视频源……</source>
        <translation>正在连接视频源……</translation>
    </message>
    <message numerus="yes">
        <location filename="../../console/widgets/video_tile.py" line="395"/>
        <source>%n 秒后重试</source>
        <translation>
            <numerusform>%n 秒后重试</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="396"/>
        <source>信号丢失</source>
        <translation>信号丢失</translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="398"/>
        <source>窗格不可见，已暂停解码</source>
        <translation>窗格不可见，已暂停解码</translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="400"/>
        <source>把摄像机拖到这里</source>
        <translation>把摄像机拖到这里</translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="462"/>
        <source>无法打开视频源（地址不可达、资源不存在或连接被拒绝）</source>
        <translation>无法打开视频源（地址不可达、资源不存在或连接被拒绝）</translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="464"/>
        <source>视频格式或编码不受支持，数据无法解析</source>
        <translation>视频格式或编码不受支持，数据无法解析</translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="466"/>
        <source>网络错误，视频流中断</source>
        <translation>网络错误，视频流中断</translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="468"/>
        <source>无权访问该视频源</source>
        <translation>无权访问该视频源</translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="469"/>
        <source>播放出错</source>
        <translation>播放出错</translation>
    </message>
</context>
<context>
    <name>VideoWall</name>
    <message>
        <location filename="../../console/views/video_wall.py" line="87"/>
        <source>单画面</source>
        <translation>单画面</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="88"/>
        <source>1+5</source>
        <translation>1+5</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="95"/>
        <source> 秒</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="96"/>
        <location filename="../../console/views/video_wall.py" line="112"/>
        <source>轮巡间隔</source>
        <translation>轮巡间隔</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="98"/>
        <location filename="../../console/views/video_wall.py" line="486"/>
        <source>停止轮巡</source>
        <translation>停止轮巡</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="102"/>
        <source>跟随事件</source>
        <translation>跟随事件</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="103"/>
        <source>选中事件时，自动切换到能看到事发地点的摄像机</source>
        <translation>选中事件时，自动切换到能看到事发地点的摄像机</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="110"/>
        <source>布局</source>
        <translation>布局</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="194"/>
        <source>未知的摄像机：%1</source>
        <translation>未知的摄像机：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="341"/>
        <source>事件附近没有摄像机</source>
        <translation>事件附近没有摄像机</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="343"/>
        <source>跟随事件：%1</source>
        <translation>跟随事件：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="352"/>
        <source>拖入的摄像机不在登记表中</source>
        <translation>拖入的摄像机不在登记表中</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="362"/>
        <source>截图服务不可用</source>
        <translation>截图服务不可用</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="365"/>
        <source>请先选择一个事件，再截图</source>
        <translation>请先选择一个事件，再截图</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="369"/>
        <source>该窗格当前没有画面</source>
        <translation>该窗格当前没有画面</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="381"/>
        <source>截图保存失败：%1</source>
        <translation>截图保存失败：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="383"/>
        <source>截图已附加到事件 %1</source>
        <translation>截图已附加到事件 %1</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="396"/>
        <source>网格：%1</source>
        <translation>网格：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="397"/>
        <source>标签：%1</source>
        <translation>标签：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="405"/>
        <source>该分组没有摄像机</source>
        <translation>该分组没有摄像机</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="420"/>
        <source>轮巡中：%1</source>
        <translation>轮巡中：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="452"/>
        <source>轮巡</source>
        <translation>轮巡</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="475"/>
        <source>还原</source>
        <translation>还原</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="475"/>
        <source>放大</source>
        <translation>放大</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="477"/>
        <source>本窗格轮巡</source>
        <translation>本窗格轮巡</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="478"/>
        <source>整墙轮巡</source>
        <translation>整墙轮巡</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="489"/>
        <source>截图到选中事件</source>
        <translation>截图到选中事件</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="492"/>
        <source>清空窗格</source>
        <translation>清空窗格</translation>
    </message>
</context>
<context>
    <name>Wall</name>
    <message>
        <location filename="../../console/views/wall/controller.py" line="110"/>
        <source>数据源不可达（%1），%2 秒后重试；显示的是上次的数据</source>
        <translation>数据源不可达（%1），%2 秒后重试；显示的是上次的数据</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="55"/>
        <source>12345热线</source>
        <translation>12345热线</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="55"/>
        <source>智慧城管</source>
        <translation>智慧城管</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="56"/>
        <source>网格员APP</source>
        <translation>网格员APP</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="56"/>
        <source>110分流</source>
        <translation>110分流</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="57"/>
        <source>信访</source>
        <translation>信访</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="57"/>
        <source>视频AI</source>
        <translation>视频AI</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="58"/>
        <source>物联感知</source>
        <translation>物联感知</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="58"/>
        <source>来访</source>
        <translation>来访</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="58"/>
        <source>其他</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="62"/>
        <source>态势地图</source>
        <translation>态势地图</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="62"/>
        <source>考核指标</source>
        <translation>考核指标</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="62"/>
        <source>超期与督办</source>
        <translation>超期与督办</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="62"/>
        <source>吹哨报到</source>
        <translation>吹哨报到</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="63"/>
        <source>排行榜</source>
        <translation>排行榜</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="63"/>
        <source>接报趋势</source>
        <translation>接报趋势</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="63"/>
        <location filename="../../console/views/wall/window.py" line="181"/>
        <source>告警接管</source>
        <translation>告警接管</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="72"/>
        <location filename="../../console/views/wall/pages.py" line="398"/>
        <source>办结率</source>
        <translation>办结率</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="72"/>
        <source>按时办结率</source>
        <translation>按时办结率</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="73"/>
        <source>现场处置率</source>
        <translation>现场处置率</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="74"/>
        <source>平均处置时长</source>
        <translation>平均处置时长</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="75"/>
        <source>派遣p90</source>
        <translation>派遣p90</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="75"/>
        <source>部门响应率</source>
        <translation>部门响应率</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="76"/>
        <source>在办</source>
        <translation>在办</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="76"/>
        <source>超期</source>
        <translation>超期</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="77"/>
        <source>本班巡查覆盖率</source>
        <translation>本班巡查覆盖率</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="89"/>
        <source>%1天%2小时</source>
        <translation>%1天%2小时</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="91"/>
        <source>%1小时%2分</source>
        <translation>%1小时%2分</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="92"/>
        <source>%1分钟</source>
        <translation>%1分钟</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="135"/>
        <source>尚无数据</source>
        <translation>尚无数据</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="145"/>
        <source>数据更新于 %1</source>
        <translation>数据更新于 %1</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="247"/>
        <source>较昨日</source>
        <translation>较昨日</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="250"/>
        <source>较7日均</source>
        <translation>较7日均</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="253"/>
        <source>更新 %1</source>
        <translation>更新 %1</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="309"/>
        <source>等级</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="309"/>
        <location filename="../../console/views/wall/pages.py" line="398"/>
        <source>事件</source>
        <translation>事件</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="309"/>
        <location filename="../../console/views/wall/pages.py" line="394"/>
        <source>网格</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="309"/>
        <source>超时</source>
        <translation>超时</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="309"/>
        <location filename="../../console/views/wall/pages.py" line="327"/>
        <source>督办</source>
        <translation>督办</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="309"/>
        <source>状态</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="322"/>
        <source>超期/督办 %1 件</source>
        <translation>超期/督办 %1 件</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="335"/>
        <source>待受理</source>
        <translation>待受理</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="335"/>
        <source>已立案</source>
        <translation>已立案</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="335"/>
        <source>已派遣</source>
        <translation>已派遣</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="335"/>
        <source>已签收</source>
        <translation>已签收</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="336"/>
        <source>处置中</source>
        <translation>处置中</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="336"/>
        <source>已处置</source>
        <translation>已处置</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="336"/>
        <source>已核查</source>
        <translation>已核查</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="336"/>
        <source>退回</source>
        <translation>退回</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="337"/>
        <source>已上报</source>
        <translation>已上报</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="337"/>
        <source>挂起</source>
        <translation>挂起</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="337"/>
        <source>重新打开</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="348"/>
        <source>吹哨事件</source>
        <translation>吹哨事件</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="348"/>
        <source>吹哨时间</source>
        <translation>吹哨时间</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="348"/>
        <location filename="../../console/views/wall/pages.py" line="394"/>
        <source>部门</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="348"/>
        <source>报到</source>
        <translation>报到</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="367"/>
        <source>已报到 %1</source>
        <translation>已报到 %1</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="370"/>
        <source>超时未报到 %1</source>
        <translation>超时未报到 %1</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="373"/>
        <source>待报到（剩%1）</source>
        <translation>待报到（剩%1）</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="379"/>
        <source>进行中的吹哨 %1 起，部门报到 %2/%3</source>
        <translation>进行中的吹哨 %1 起，部门报到 %2/%3</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="394"/>
        <source>处置人员</source>
        <translation>处置人员</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="397"/>
        <source>%1排行（近7日）</source>
        <translation>%1排行（近7日）</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="398"/>
        <source>名称</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="398"/>
        <source>按时</source>
        <translation>按时</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="432"/>
        <source>按小时接报：今日 vs 近7日均值</source>
        <translation>按小时接报：今日 vs 近7日均值</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="432"/>
        <source>按来源接报：今日 vs 近7日均值</source>
        <translation>按来源接报：今日 vs 近7日均值</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/pages.py" line="450"/>
        <source>■ 今日    ━ 近7日均值</source>
        <translation>■ 今日    ━ 近7日均值</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/map_page.py" line="89"/>
        <source>在办事件</source>
        <translation>在办事件</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/map_page.py" line="91"/>
        <source>超期事件</source>
        <translation>超期事件</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/map_page.py" line="93"/>
        <source>超期最多的网格</source>
        <translation>超期最多的网格</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/map_page.py" line="140"/>
        <source>%1  超期 %2 / 在办 %3</source>
        <translation>%1  超期 %2 / 在办 %3</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/map_page.py" line="169"/>
        <source>附近摄像头</source>
        <translation>附近摄像头</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/map_page.py" line="172"/>
        <source>按 Enter 或点击确认，恢复轮播</source>
        <translation>按 Enter 或点击确认，恢复轮播</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/map_page.py" line="188"/>
        <source>%1事件超时</source>
        <translation>%1事件超时</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/map_page.py" line="188"/>
        <source>新%1事件</source>
        <translation>新%1事件</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/map_page.py" line="193"/>
        <source>接报 %1</source>
        <translation>接报 %1</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/map_page.py" line="194"/>
        <source>网格 %1</source>
        <translation>网格 %1</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/map_page.py" line="195"/>
        <source>地址 %1</source>
        <translation>地址 %1</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/map_page.py" line="196"/>
        <source>状态 %1</source>
        <translation>状态 %1</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/map_page.py" line="197"/>
        <source>已超时 %1</source>
        <translation>已超时 %1</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/map_page.py" line="198"/>
        <source>时限 %1</source>
        <translation>时限 %1</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/map_page.py" line="206"/>
        <source>· %1（%2 m）</source>
        <translation>· %1（%2 m）</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/map_page.py" line="220"/>
        <source>%1 秒后自动恢复轮播</source>
        <translation>%1 秒后自动恢复轮播</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/window.py" line="96"/>
        <source>%1 指挥大屏</source>
        <translation>%1 指挥大屏</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/window.py" line="184"/>
        <source>已固定</source>
        <translation>已固定</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/window.py" line="184"/>
        <source>已暂停</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/window.py" line="190"/>
        <source>%1 秒后：%2</source>
        <translation>%1 秒后：%2</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/supervisor.py" line="88"/>
        <source>导出报表</source>
        <translation>导出报表</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/supervisor.py" line="93"/>
        <source>日报</source>
        <translation>日报</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/supervisor.py" line="95"/>
        <source>班次（起止时间）</source>
        <translation>班次（起止时间）</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/supervisor.py" line="113"/>
        <source>浏览…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/supervisor.py" line="126"/>
        <source>开始</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/supervisor.py" line="127"/>
        <source>结束</source>
        <translation>结束</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/supervisor.py" line="128"/>
        <source>格式</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/supervisor.py" line="129"/>
        <source>保存到</source>
        <translation>保存到</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/supervisor.py" line="131"/>
        <source>生成</source>
        <translation>生成</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/supervisor.py" line="149"/>
        <source>保存报表</source>
        <translation>保存报表</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/supervisor.py" line="167"/>
        <source>结束时间须晚于开始时间</source>
        <translation>结束时间须晚于开始时间</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/supervisor.py" line="172"/>
        <source>无法写入 %1：文件夹不存在</source>
        <translation>无法写入 %1：文件夹不存在</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/supervisor.py" line="176"/>
        <source>正在生成…</source>
        <translation>正在生成…</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/supervisor.py" line="192"/>
        <source>已保存：%1</source>
        <translation>已保存：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/supervisor.py" line="197"/>
        <source>报表生成失败：%1</source>
        <translation>报表生成失败：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/style.py" line="34"/>
        <source>一般</source>
        <translation>一般</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/style.py" line="34"/>
        <source>较大</source>
        <translation>较大</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/style.py" line="34"/>
        <source>重大</source>
        <translation>重大</translation>
    </message>
    <message>
        <location filename="../../console/views/wall/style.py" line="34"/>
        <source>特别重大</source>
        <translation>特别重大</translation>
    </message>
</context>
<context>
    <name>WorkerOverlay</name>
    <message>
        <location filename="../../console/views/map_field.py" line="39"/>
        <source>%1秒前</source>
        <translation>%1秒前</translation>
    </message>
    <message>
        <location filename="../../console/views/map_field.py" line="41"/>
        <source>%1分钟前</source>
        <translation>%1分钟前</translation>
    </message>
    <message>
        <location filename="../../console/views/map_field.py" line="42"/>
        <source>%1小时前</source>
        <translation>%1小时前</translation>
    </message>
    <message>
        <location filename="../../console/views/map_field.py" line="80"/>
        <source>轨迹 %1 分钟</source>
        <translation>轨迹 %1 分钟</translation>
    </message>
    <message>
        <location filename="../../console/views/map_field.py" line="83"/>
        <source>轨迹 %1 小时</source>
        <translation>轨迹 %1 小时</translation>
    </message>
    <message>
        <location filename="../../console/views/map_field.py" line="156"/>
        <source>%1 · %2 · %3 · 电量 %4 · 定位 %5</source>
        <translation>%1 · %2 · %3 · 电量 %4 · 定位 %5</translation>
    </message>
</context>
</TS>
