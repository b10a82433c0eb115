<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BroadcastDialog</name>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="63"/>
        <source>一键下达</source>
        <translation>一键下达</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="94"/>
        <source>下达指令，例如：台风红色预警，立即转移低洼地带人员</source>
        <translation>下达指令，例如：台风红色预警，立即转移低洼地带人员</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="97"/>
        <source>全部网格</source>
        <translation>全部网格</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="98"/>
        <source>指定网格</source>
        <translation>指定网格</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="105"/>
        <source>网格</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="109"/>
        <source>下达</source>
        <translation>下达</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="113"/>
        <source>取消</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="116"/>
        <source>指令内容</source>
        <translation>指令内容</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="150"/>
        <source>全部网格（%1个）</source>
        <translation>全部网格（%1个）</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="187"/>
        <source>向未回应网格重发</source>
        <translation>向未回应网格重发</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="190"/>
        <source>关闭</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="206"/>
        <source>没有该下达记录：%1</source>
        <translation>没有该下达记录：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="220"/>
        <source>一键下达 · 点名</source>
        <translation>一键下达 · 点名</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="231"/>
        <source>已回应 %1/%2 · 回应时限 %3</source>
        <translation>已回应 %1/%2 · 回应时限 %3</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="234"/>
        <source>%1个网格超时未回应</source>
        <translation>%1个网格超时未回应</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="248"/>
        <source>请填写指令内容</source>
        <translation>请填写指令内容</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="252"/>
        <source>请至少勾选一个网格</source>
        <translation>请至少勾选一个网格</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="267"/>
        <source>处理中…</source>
        <translation>处理中…</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="278"/>
        <source>操作已取消</source>
        <translation>操作已取消</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="283"/>
        <source>已下达至 %1 个网格</source>
        <translation>已下达至 %1 个网格</translation>
    </message>
    <message>
        <location filename="../../console/views/broadcast_dialog.py" line="288"/>
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
        <location filename="../../console/views/cheatsheet.py" line="15"/>
        <source>打开最新待派遣事件（重大/特别重大优先）</source>
        <translation>打开最新待派遣事件（重大/特别重大优先）</translation>
    </message>
    <message>
        <location filename="../../console/views/cheatsheet.py" line="16"/>
        <source>采纳系统建议（类别、等级、责任单位、指令）</source>
        <translation>采纳系统建议（类别、等级、责任单位、指令）</translation>
    </message>
    <message>
        <location filename="../../console/views/cheatsheet.py" line="17"/>
        <source>确认派遣</source>
        <translation>确认派遣</translation>
    </message>
    <message>
        <location filename="../../console/views/cheatsheet.py" line="18"/>
        <source>只立案，不派遣</source>
        <translation>只立案，不派遣</translation>
    </message>
    <message>
        <location filename="../../console/views/cheatsheet.py" line="19"/>
        <source>不予立案（需填写理由）</source>
        <translation>不予立案（需填写理由）</translation>
    </message>
    <message>
        <location filename="../../console/views/cheatsheet.py" line="20"/>
        <source>合并到疑似重复事件</source>
        <translation>合并到疑似重复事件</translation>
    </message>
    <message>
        <location filename="../../console/views/cheatsheet.py" line="21"/>
        <source>关闭研判面板并释放认领</source>
        <translation>关闭研判面板并释放认领</translation>
    </message>
    <message>
        <location filename="../../console/views/cheatsheet.py" line="22"/>
        <source>双击</source>
        <translation>双击</translation>
    </message>
    <message>
        <location filename="../../console/views/cheatsheet.py" line="22"/>
        <source>在队列中打开所选事件</source>
        <translation>在队列中打开所选事件</translation>
    </message>
    <message>
        <location filename="../../console/views/cheatsheet.py" line="23"/>
        <source>搜索队列</source>
        <translation>搜索队列</translation>
    </message>
    <message>
        <location filename="../../console/views/cheatsheet.py" line="24"/>
        <source>本快捷键说明</source>
        <translation>本快捷键说明</translation>
    </message>
    <message>
        <location filename="../../console/views/cheatsheet.py" line="25"/>
        <source>全屏</source>
        <translation>全屏</translation>
    </message>
    <message>
        <location filename="../../console/views/cheatsheet.py" line="33"/>
        <source>快捷键</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <location filename="../../console/views/cheatsheet.py" line="38"/>
        <source>一分钟研判派遣：N → A → Enter</source>
        <translation>一分钟研判派遣：N → A → Enter</translation>
    </message>
</context>
<context>
    <name>DetailView</name>
    <message>
        <location filename="../../console/views/detail_view.py" line="53"/>
        <source>状态变更</source>
        <translation>状态变更</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="54"/>
        <source>研判</source>
        <translation>研判</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="55"/>
        <source>派遣</source>
        <translation>派遣</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="56"/>
        <source>备注</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="57"/>
        <source>合并</source>
        <translation>合并</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="58"/>
        <source>认领</source>
        <translation>认领</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="59"/>
        <source>上报</source>
        <translation>上报</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="60"/>
        <location filename="../../console/views/detail_view.py" line="226"/>
        <source>督办</source>
        <translation>督办</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="61"/>
        <source>反馈</source>
        <translation>反馈</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="87"/>
        <source>未选择事件</source>
        <translation>未选择事件</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="139"/>
        <source>照片</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="151"/>
        <source>合并的重复上报</source>
        <translation>合并的重复上报</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="176"/>
        <source>附近在办事件</source>
        <translation>附近在办事件</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="198"/>
        <source>编号</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="199"/>
        <source>状态</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="200"/>
        <source>级别</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="201"/>
        <source>来源</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="202"/>
        <source>类别</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="204"/>
        <source>网格</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="205"/>
        <source>未定位</source>
        <translation>未定位</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="207"/>
        <source>地址</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="208"/>
        <source>坐标</source>
        <translation>坐标</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="209"/>
        <source>报告人</source>
        <translation>报告人</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="210"/>
        <source>联系电话</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="211"/>
        <source>上报时间</source>
        <translation>上报时间</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="212"/>
        <source>接收时间</source>
        <translation>接收时间</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="213"/>
        <source>派遣时间</source>
        <translation>派遣时间</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="214"/>
        <source>处置时间</source>
        <translation>处置时间</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="215"/>
        <source>结案时间</source>
        <translation>结案时间</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="216"/>
        <source>办理时限</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="217"/>
        <source>责任单位</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="218"/>
        <source>认领席位</source>
        <translation>认领席位</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="220"/>
        <source>重复上报</source>
        <translation>重复上报</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="221"/>
        <source>%1 次</source>
        <translation>%1 次</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="225"/>
        <source>合并至</source>
        <translation>合并至</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="226"/>
        <location filename="../../console/views/detail_view.py" line="227"/>
        <source>是</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="227"/>
        <source>现场处置</source>
        <translation>现场处置</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="228"/>
        <source>摄像头</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="236"/>
        <source>描述</source>
        <translation>描述</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="238"/>
        <source>附件</source>
        <translation>附件</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="248"/>
        <source>处置记录</source>
        <translation>处置记录</translation>
    </message>
    <message>
        <location filename="../../console/views/detail_view.py" line="251"/>
        <source>暂无记录</source>
        <translation>暂无记录</translation>
    </message>
</context>
<context>
    <name>DispatchPanel</name>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="146"/>
        <source>只立案，不派遣</source>
        <translation>只立案，不派遣</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="71"/>
        <source>研判派遣</source>
        <translation>研判派遣</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="121"/>
        <source>不予立案理由（按 R 前填写，或在此输入后按 R）</source>
        <translation>不予立案理由（按 R 前填写，或在此输入后按 R）</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="122"/>
        <source>类别</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="123"/>
        <source>等级</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="124"/>
        <source>处置单位（可多选）</source>
        <translation>处置单位（可多选）</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="125"/>
        <source>派遣指令</source>
        <translation>派遣指令</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="126"/>
        <source>理由</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="135"/>
        <source>采纳建议 (A)</source>
        <translation>采纳建议 (A)</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="136"/>
        <source>派遣 (Enter)</source>
        <translation>派遣 (Enter)</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="137"/>
        <source>立案 (F)</source>
        <translation>立案 (F)</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="138"/>
        <source>不予立案 (R)</source>
        <translation>不予立案 (R)</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="139"/>
        <source>合并重复 (D)</source>
        <translation>合并重复 (D)</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="140"/>
        <source>关闭 (Esc)</source>
        <translation>关闭 (Esc)</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="144"/>
        <source>采纳系统建议的类别、等级、责任单位和指令</source>
        <translation>采纳系统建议的类别、等级、责任单位和指令</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="145"/>
        <source>按所选单位派遣并下发指令</source>
        <translation>按所选单位派遣并下发指令</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="147"/>
        <source>无效或不属受理范围，需填写理由</source>
        <translation>无效或不属受理范围，需填写理由</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="148"/>
        <source>合并到最可能的重复事件</source>
        <translation>合并到最可能的重复事件</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="149"/>
        <source>关闭并释放本席位的认领</source>
        <translation>关闭并释放本席位的认领</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="201"/>
        <source>注意：该事件正在由 %1 处理</source>
        <translation>注意：该事件正在由 %1 处理</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="204"/>
        <source>网格待定</source>
        <translation>网格待定</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="224"/>
        <source>网格员：%1</source>
        <translation>网格员：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="233"/>
        <source>无系统建议</source>
        <translation>无系统建议</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="237"/>
        <source>建议类别：&lt;b&gt;%1&lt;/b&gt;（%2）</source>
        <translation>建议类别：&lt;b&gt;%1&lt;/b&gt;（%2）</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="237"/>
        <source>未分类</source>
        <translation>未分类</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="238"/>
        <source>建议等级：&lt;b&gt;%1&lt;/b&gt;</source>
        <translation>建议等级：&lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="239"/>
        <source>责任单位：&lt;b&gt;%1&lt;/b&gt;（%2）</source>
        <translation>责任单位：&lt;b&gt;%1&lt;/b&gt;（%2）</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="240"/>
        <source>在岗网格员：%1</source>
        <translation>在岗网格员：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="244"/>
        <source>疑似重复：&lt;b&gt;%1&lt;/b&gt;（%2）</source>
        <translation>疑似重复：&lt;b&gt;%1&lt;/b&gt;（%2）</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="279"/>
        <source>请及时到场核实处置：%1</source>
        <translation>请及时到场核实处置：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="281"/>
        <source>（地点：%1）</source>
        <translation>（地点：%1）</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="290"/>
        <source>处理中…</source>
        <translation>处理中…</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="299"/>
        <source>操作失败：%1</source>
        <translation>操作失败：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="304"/>
        <source>已完成</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="337"/>
        <source>请先选择事件类别</source>
        <translation>请先选择事件类别</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="347"/>
        <source>不予立案必须填写理由</source>
        <translation>不予立案必须填写理由</translation>
    </message>
    <message>
        <location filename="../../console/views/dispatch_panel.py" line="356"/>
        <source>没有疑似重复事件</source>
        <translation>没有疑似重复事件</translation>
    </message>
</context>
<context>
    <name>Escalation</name>
    <message>
        <location filename="../../console/views/escalation_board.py" line="78"/>
        <source>事件 / 部门</source>
        <translation>事件 / 部门</translation>
    </message>
    <message>
        <location filename="../../console/views/escalation_board.py" line="78"/>
        <source>报到</source>
        <translation>报到</translation>
    </message>
    <message>
        <location filename="../../console/views/escalation_board.py" line="79"/>
        <source>最新进展</source>
        <translation>最新进展</translation>
    </message>
    <message>
        <location filename="../../console/views/escalation_board.py" line="79"/>
        <source>响应率</source>
        <translation>响应率</translation>
    </message>
    <message>
        <location filename="../../console/views/escalation_board.py" line="196"/>
        <source>（迟到）</source>
        <translation>（迟到）</translation>
    </message>
    <message>
        <location filename="../../console/views/escalation_board.py" line="198"/>
        <source>未报到</source>
        <translation>未报到</translation>
    </message>
    <message>
        <location filename="../../console/views/escalation_board.py" line="200"/>
        <source>待报到（剩余 %1）</source>
        <translation>待报到（剩余 %1）</translation>
    </message>
    <message>
        <location filename="../../console/views/escalation_board.py" line="216"/>
        <source>%1/%2 已报到 · 时限 %3</source>
        <translation>%1/%2 已报到 · 时限 %3</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="64"/>
        <source>%1秒</source>
        <translation>%1秒</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="66"/>
        <source>%1分钟</source>
        <translation>%1分钟</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="68"/>
        <source>%1小时%2分</source>
        <translation>%1小时%2分</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="69"/>
        <source>%1天%2小时</source>
        <translation>%1天%2小时</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="75"/>
        <source>超期 %1</source>
        <translation>超期 %1</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="76"/>
        <source>剩余 %1</source>
        <translation>剩余 %1</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="81"/>
        <source>派遣</source>
        <translation>派遣</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="82"/>
        <source>签收</source>
        <translation>签收</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="83"/>
        <source>到场</source>
        <translation>到场</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="84"/>
        <source>处置</source>
        <translation>处置</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="85"/>
        <source>结案</source>
        <translation>结案</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="91"/>
        <source>微网格</source>
        <translation>微网格</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="92"/>
        <source>社区</source>
        <translation>社区</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="93"/>
        <source>街道</source>
        <translation>街道</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="94"/>
        <source>区</source>
        <translation>区</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="179"/>
        <source>层级</source>
        <translation>层级</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="179"/>
        <source>标题</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="180"/>
        <location filename="../../console/qtmodels/escalation_model.py" line="560"/>
        <source>网格</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="180"/>
        <source>阶段</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="181"/>
        <source>距超期</source>
        <translation>距超期</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="181"/>
        <location filename="../../console/qtmodels/escalation_model.py" line="186"/>
        <source>督办</source>
        <translation>督办</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="181"/>
        <source>责任单位</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="490"/>
        <source>指令</source>
        <translation>指令</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="490"/>
        <source>下达时间</source>
        <translation>下达时间</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="490"/>
        <source>已回应</source>
        <translation>已回应</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="491"/>
        <source>未回应网格</source>
        <translation>未回应网格</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="491"/>
        <source>回应时限</source>
        <translation>回应时限</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="541"/>
        <source> 等%1个</source>
        <translation> 等%1个</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="544"/>
        <source>已超时</source>
        <translation>已超时</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="560"/>
        <source>回应时间</source>
        <translation>回应时间</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="561"/>
        <source>下达次数</source>
        <translation>下达次数</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/escalation_model.py" line="582"/>
        <source>未回应</source>
        <translation>未回应</translation>
    </message>
</context>
<context>
    <name>EscalationBoard</name>
    <message>
        <location filename="../../console/views/escalation_board.py" line="264"/>
        <source>层级</source>
        <translation>层级</translation>
    </message>
    <message>
        <location filename="../../console/views/escalation_board.py" line="267"/>
        <source>全部层级</source>
        <translation>全部层级</translation>
    </message>
    <message>
        <location filename="../../console/views/escalation_board.py" line="301"/>
        <source>点名详情</source>
        <translation>点名详情</translation>
    </message>
    <message>
        <location filename="../../console/views/escalation_board.py" line="302"/>
        <source>查看所选一键下达的逐网格回应情况，可向未回应网格重发</source>
        <translation>查看所选一键下达的逐网格回应情况，可向未回应网格重发</translation>
    </message>
    <message>
        <location filename="../../console/views/escalation_board.py" line="314"/>
        <source>超期/临期 (%1)</source>
        <translation>超期/临期 (%1)</translation>
    </message>
    <message>
        <location filename="../../console/views/escalation_board.py" line="315"/>
        <source>吹哨报到 (%1)</source>
        <translation>吹哨报到 (%1)</translation>
    </message>
    <message>
        <location filename="../../console/views/escalation_board.py" line="316"/>
        <source>一键下达 (%1)</source>
        <translation>一键下达 (%1)</translation>
    </message>
</context>
<context>
    <name>EventActions</name>
    <message>
        <location filename="../../console/views/event_actions.py" line="85"/>
        <source>操作失败：%1</source>
        <translation>操作失败：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="129"/>
        <source>请填写说明</source>
        <translation>请填写说明</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="136"/>
        <source>吹哨报到</source>
        <translation>吹哨报到</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="149"/>
        <source>召集部门（可多选）</source>
        <translation>召集部门（可多选）</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="150"/>
        <source>事由</source>
        <translation>事由</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="163"/>
        <source>至少选择一个部门</source>
        <translation>至少选择一个部门</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="170"/>
        <source>延期（挂起）</source>
        <translation>延期（挂起）</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="177"/>
        <source>批准领导</source>
        <translation>批准领导</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="179"/>
        <source>延期至</source>
        <translation>延期至</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="180"/>
        <source>批准人</source>
        <translation>批准人</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="181"/>
        <source>延期理由</source>
        <translation>延期理由</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="193"/>
        <source>延期须填写批准人</source>
        <translation>延期须填写批准人</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="195"/>
        <source>请填写延期理由</source>
        <translation>请填写延期理由</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="233"/>
        <location filename="../../console/views/event_actions.py" line="327"/>
        <source>一键上报</source>
        <translation>一键上报</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="234"/>
        <location filename="../../console/views/event_actions.py" line="332"/>
        <source>督办</source>
        <translation>督办</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="235"/>
        <source>吹哨</source>
        <translation>吹哨</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="236"/>
        <source>核查通过</source>
        <translation>核查通过</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="237"/>
        <location filename="../../console/views/event_actions.py" line="344"/>
        <source>核查不通过</source>
        <translation>核查不通过</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="238"/>
        <source>延期</source>
        <translation>延期</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="239"/>
        <source>恢复</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="240"/>
        <location filename="../../console/views/event_actions.py" line="357"/>
        <source>重新打开</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="296"/>
        <source>未选择事件</source>
        <translation>未选择事件</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="299"/>
        <source>%1 · 已离开实时队列（已结案或不予立案）</source>
        <translation>%1 · 已离开实时队列（已结案或不予立案）</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="303"/>
        <source>督办中</source>
        <translation>督办中</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="327"/>
        <source>上报说明</source>
        <translation>上报说明</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="332"/>
        <source>督办意见</source>
        <translation>督办意见</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="344"/>
        <source>不通过原因</source>
        <translation>不通过原因</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="357"/>
        <source>重新打开原因</source>
        <translation>重新打开原因</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="368"/>
        <source>处理中…</source>
        <translation>处理中…</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="376"/>
        <source>操作已取消</source>
        <translation>操作已取消</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="390"/>
        <source>已在最高层级，无法继续上报</source>
        <translation>已在最高层级，无法继续上报</translation>
    </message>
    <message>
        <location filename="../../console/views/event_actions.py" line="392"/>
        <source>已完成：%1</source>
        <translation>已完成：%1</translation>
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
        <location filename="../../console/qtmodels/grid_tree_model.py" line="142"/>
        <location filename="../../console/qtmodels/grid_tree_model.py" line="148"/>
        <source>警格</source>
        <translation>警格</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/grid_tree_model.py" line="143"/>
        <source>警务网格</source>
        <translation>警务网格</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/grid_tree_model.py" line="339"/>
        <source>在岗：%1</source>
        <translation>在岗：%1</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/grid_tree_model.py" line="341"/>
        <source>本网格无人在岗</source>
        <translation>本网格无人在岗</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/grid_tree_model.py" line="344"/>
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
        <location filename="../../console/views/history_view.py" line="84"/>
        <source>搜索标题、描述、地址，回车查询</source>
        <translation>搜索标题、描述、地址，回车查询</translation>
    </message>
    <message>
        <location filename="../../console/views/history_view.py" line="89"/>
        <source>今天</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../console/views/history_view.py" line="90"/>
        <source>近7天</source>
        <translation>近7天</translation>
    </message>
    <message>
        <location filename="../../console/views/history_view.py" line="91"/>
        <source>近30天</source>
        <translation>近30天</translation>
    </message>
    <message>
        <location filename="../../console/views/history_view.py" line="92"/>
        <source>全部</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../console/views/history_view.py" line="100"/>
        <source>全部状态</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../console/views/history_view.py" line="103"/>
        <source>未结案</source>
        <translation>未结案</translation>
    </message>
    <message>
        <location filename="../../console/views/history_view.py" line="109"/>
        <source>全部来源</source>
        <translation>全部来源</translation>
    </message>
    <message>
        <location filename="../../console/views/history_view.py" line="112"/>
        <source>全部类别</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../../console/views/history_view.py" line="115"/>
        <source>查询</source>
        <translation>查询</translation>
    </message>
    <message>
        <location filename="../../console/views/history_view.py" line="121"/>
        <source>取消网格筛选</source>
        <translation>取消网格筛选</translation>
    </message>
    <message>
        <location filename="../../console/views/history_view.py" line="140"/>
        <source>重试</source>
        <translation>重试</translation>
    </message>
    <message>
        <location filename="../../console/views/history_view.py" line="166"/>
        <source>输入条件后回车查询</source>
        <translation>输入条件后回车查询</translation>
    </message>
    <message>
        <location filename="../../console/views/history_view.py" line="205"/>
        <source>网格：%1</source>
        <translation>网格：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/history_view.py" line="228"/>
        <source>加载中…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <location filename="../../console/views/history_view.py" line="231"/>
        <source>已加载 %1 条</source>
        <translation>已加载 %1 条</translation>
    </message>
    <message>
        <location filename="../../console/views/history_view.py" line="233"/>
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
        <location filename="../../console/widgets/kpi_tile.py" line="109"/>
        <source>%1：暂无数据</source>
        <translation>%1：暂无数据</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="40"/>
        <source>一般</source>
        <translation>一般</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="41"/>
        <source>较大</source>
        <translation>较大</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="42"/>
        <source>重大</source>
        <translation>重大</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="43"/>
        <source>特别重大</source>
        <translation>特别重大</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="50"/>
        <source>12345热线</source>
        <translation>12345热线</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="51"/>
        <source>智慧城管</source>
        <translation>智慧城管</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="52"/>
        <source>网格APP</source>
        <translation>网格APP</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="53"/>
        <source>110非警务</source>
        <translation>110非警务</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="54"/>
        <source>信访</source>
        <translation>信访</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="55"/>
        <source>视频AI</source>
        <translation>视频AI</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="56"/>
        <source>物联感知</source>
        <translation>物联感知</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="57"/>
        <source>来访</source>
        <translation>来访</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="58"/>
        <source>其他</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="65"/>
        <source>待受理</source>
        <translation>待受理</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="66"/>
        <source>已立案</source>
        <translation>已立案</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="67"/>
        <source>已派遣</source>
        <translation>已派遣</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="68"/>
        <source>已签收</source>
        <translation>已签收</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="69"/>
        <source>到场处置</source>
        <translation>到场处置</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="70"/>
        <source>已处置</source>
        <translation>已处置</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="71"/>
        <source>已核查</source>
        <translation>已核查</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="72"/>
        <source>已结案</source>
        <translation>已结案</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="73"/>
        <source>不予立案</source>
        <translation>不予立案</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="74"/>
        <source>退回</source>
        <translation>退回</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="75"/>
        <source>已上报</source>
        <translation>已上报</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="76"/>
        <source>挂起</source>
        <translation>挂起</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="77"/>
        <source>重新打开</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="84"/>
        <location filename="../../console/qtmodels/labels.py" line="85"/>
        <source>已连接</source>
        <translation>已连接</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="86"/>
        <source>连接中</source>
        <translation>连接中</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="87"/>
        <location filename="../../console/qtmodels/labels.py" line="88"/>
        <source>重连中</source>
        <translation>重连中</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="89"/>
        <location filename="../../console/qtmodels/labels.py" line="90"/>
        <source>补传中</source>
        <translation>补传中</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="91"/>
        <source>未授权</source>
        <translation>未授权</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="92"/>
        <source>已断开</source>
        <translation>已断开</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="93"/>
        <source>已停止</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="94"/>
        <source>错误</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="108"/>
        <source>刚刚</source>
        <translation>刚刚</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="110"/>
        <source>%1秒</source>
        <translation>%1秒</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="112"/>
        <source>%1分钟</source>
        <translation>%1分钟</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="114"/>
        <source>%1小时</source>
        <translation>%1小时</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="115"/>
        <source>%1天</source>
        <translation>%1天</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/labels.py" line="132"/>
        <source>未分类</source>
        <translation>未分类</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../console/views/main_window.py" line="73"/>
        <source>网格治理指挥台 — %1</source>
        <translation>网格治理指挥台 — %1</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="89"/>
        <source>本工作站未启用地图</source>
        <translation>本工作站未启用地图</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="91"/>
        <source>本工作站未启用视频墙</source>
        <translation>本工作站未启用视频墙</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="99"/>
        <source>事件队列</source>
        <translation>事件队列</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="104"/>
        <source>网格树</source>
        <translation>网格树</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="108"/>
        <source>事件详情</source>
        <translation>事件详情</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="113"/>
        <source>地图</source>
        <translation>地图</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="117"/>
        <source>视频墙</source>
        <translation>视频墙</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="167"/>
        <source>视图</source>
        <translation>视图</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="173"/>
        <source>重置布局</source>
        <translation>重置布局</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="176"/>
        <source>全屏</source>
        <translation>全屏</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="182"/>
        <source>静音提示音</source>
        <translation>静音提示音</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="189"/>
        <source>语言</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../console/views/main_window.py" line="223"/>
        <source>界面语言将在重新启动后切换</source>
        <translation>界面语言将在重新启动后切换</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="255"/>
        <source>载入中…</source>
        <translation>载入中…</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="342"/>
        <source>摄像机</source>
        <translation>摄像机</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="373"/>
        <source>历史查询</source>
        <translation>历史查询</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="394"/>
        <source>超期督办</source>
        <translation>超期督办</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="410"/>
        <source>指挥</source>
        <translation>指挥</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="411"/>
        <source>一键下达…</source>
        <translation>一键下达…</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="416"/>
        <source>快捷键说明</source>
        <translation>快捷键说明</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="421"/>
        <source>今日考核</source>
        <translation>今日考核</translation>
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
        <location filename="../../console/widgets/map_overlays.py" line="177"/>
        <source>{0} 公里</source>
        <translation>{0} 公里</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_overlays.py" line="178"/>
        <source>{0} 米</source>
        <translation>{0} 米</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_overlays.py" line="206"/>
        <source>北</source>
        <translation>北</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_overlays.py" line="223"/>
        <source>一般</source>
        <translation>一般</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_overlays.py" line="223"/>
        <source>较大</source>
        <translation>较大</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_overlays.py" line="223"/>
        <source>重大</source>
        <translation>重大</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_overlays.py" line="223"/>
        <source>特别重大</source>
        <translation>特别重大</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_overlays.py" line="226"/>
        <source>超时</source>
        <translation>超时</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_overlays.py" line="227"/>
        <source>不在任何网格内</source>
        <translation>不在任何网格内</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_canvas.py" line="103"/>
        <source>全图</source>
        <translation>全图</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_canvas.py" line="104"/>
        <source>回到全区视图</source>
        <translation>回到全区视图</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_canvas.py" line="505"/>
        <source>事件密度（件/平方公里）</source>
        <translation>事件密度（件/平方公里）</translation>
    </message>
    <message>
        <location filename="../../console/widgets/map_canvas.py" line="505"/>
        <source>超时事件数</source>
        <translation>超时事件数</translation>
    </message>
</context>
<context>
    <name>MapView</name>
    <message>
        <location filename="../../console/views/map_view.py" line="80"/>
        <source>按事件密度</source>
        <translation>按事件密度</translation>
    </message>
    <message>
        <location filename="../../console/views/map_view.py" line="81"/>
        <source>按超时数量</source>
        <translation>按超时数量</translation>
    </message>
    <message>
        <location filename="../../console/views/map_view.py" line="86"/>
        <source>全图</source>
        <translation>全图</translation>
    </message>
    <message>
        <location filename="../../console/views/map_view.py" line="214"/>
        <source>底图不可用：{0}（地图仍可使用）</source>
        <translation>底图不可用：{0}（地图仍可使用）</translation>
    </message>
    <message>
        <location filename="../../console/views/map_view.py" line="32"/>
        <source>底图</source>
        <translation>底图</translation>
    </message>
    <message>
        <location filename="../../console/views/map_view.py" line="33"/>
        <source>网格</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../console/views/map_view.py" line="34"/>
        <source>名称</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../console/views/map_view.py" line="35"/>
        <source>警格</source>
        <translation>警格</translation>
    </message>
    <message>
        <location filename="../../console/views/map_view.py" line="36"/>
        <source>热力填色</source>
        <translation>热力填色</translation>
    </message>
    <message>
        <location filename="../../console/views/map_view.py" line="37"/>
        <source>事件</source>
        <translation>事件</translation>
    </message>
    <message>
        <location filename="../../console/views/map_view.py" line="38"/>
        <source>网格员</source>
        <translation>网格员</translation>
    </message>
    <message>
        <location filename="../../console/views/map_view.py" line="39"/>
        <source>轨迹</source>
        <translation>轨迹</translation>
    </message>
    <message>
        <location filename="../../console/views/map_view.py" line="40"/>
        <source>摄像头</source>
        <translation>摄像头</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <location filename="../../console/qtmodels/queue_model.py" line="70"/>
        <source>级别</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/queue_model.py" line="71"/>
        <source>派遣倒计时</source>
        <translation>派遣倒计时</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/queue_model.py" line="72"/>
        <source>标题</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/queue_model.py" line="73"/>
        <source>类别</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/queue_model.py" line="74"/>
        <source>网格</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/queue_model.py" line="75"/>
        <source>来源</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/queue_model.py" line="76"/>
        <source>时长</source>
        <translation>时长</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/queue_model.py" line="77"/>
        <source>状态</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/queue_model.py" line="78"/>
        <source>责任单位</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <location filename="../../console/qtmodels/queue_cells.py" line="130"/>
        <source>接收于 %1</source>
        <translation>接收于 %1</translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <location filename="../../console/views/queue_view.py" line="56"/>
        <source>搜索标题、描述、地址</source>
        <translation>搜索标题、描述、地址</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="58"/>
        <source>全部级别</source>
        <translation>全部级别</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="62"/>
        <source>重大及以上</source>
        <translation>重大及以上</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="66"/>
        <source>全部状态</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="66"/>
        <source>待派遣</source>
        <translation>待派遣</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="71"/>
        <source>全部来源</source>
        <translation>全部来源</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="74"/>
        <source>全部类别</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="77"/>
        <source>只看我的</source>
        <translation>只看我的</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="78"/>
        <source>只看超期</source>
        <translation>只看超期</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="82"/>
        <source>静音：新到重大/特别重大事件不再响铃</source>
        <translation>静音：新到重大/特别重大事件不再响铃</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="87"/>
        <source>取消网格筛选</source>
        <translation>取消网格筛选</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="166"/>
        <source>网格：%1</source>
        <translation>网格：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="178"/>
        <source>显示 %1 / 共 %2 件</source>
        <translation>显示 %1 / 共 %2 件</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="184"/>
        <source>已静音</source>
        <translation>已静音</translation>
    </message>
    <message>
        <location filename="../../console/views/queue_view.py" line="184"/>
        <source>提示音</source>
        <translation>提示音</translation>
    </message>
</context>
<context>
    <name>SlaBadge</name>
    <message>
        <location filename="../../console/widgets/sla_badge.py" line="60"/>
        <source>无时限</source>
        <translation>无时限</translation>
    </message>
    <message>
        <location filename="../../console/widgets/sla_badge.py" line="64"/>
        <source>超期 %1</source>
        <translation>超期 %1</translation>
    </message>
    <message>
        <location filename="../../console/widgets/sla_badge.py" line="66"/>
        <location filename="../../console/widgets/sla_badge.py" line="68"/>
        <source>剩余 %1</source>
        <translation>剩余 %1</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../../console/views/status_bar.py" line="40"/>
        <source>未连接</source>
        <translation>未连接</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="74"/>
        <source>载入在办事件 %1 / %2…</source>
        <translation>载入在办事件 %1 / %2…</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="98"/>
        <source>积压 %1</source>
        <translation>积压 %1</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="102"/>
        <source>序号 %1</source>
        <translation>序号 %1</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="108"/>
        <source>隔离 %1</source>
        <translation>隔离 %1</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="114"/>
        <source>接收速率 %1 条/秒</source>
        <translation>接收速率 %1 条/秒</translation>
    </message>
    <message>
        <location filename="../../console/views/status_bar.py" line="138"/>
        <source>在办 %1 · 超期 %2</source>
        <translation>在办 %1 · 超期 %2</translation>
    </message>
</context>
<context>
    <name>VideoTile</name>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="135"/>
        <source>截图</source>
        <translation>截图</translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="136"/>
        <source>把当前画面附加到选中的事件</source>
        <translation>把当前画面附加到选中的事件</translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="263"/>
        <source>该摄像机没有配置视频地址</source>
        <translation>该摄像机没有配置视频地址</translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="318"/>
        <source>视频源没有可播放的画面（编码不支持或只有音频）</source>
        <translation>视频源没有可播放的画面（编码不支持或只有音频）</translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="326"/>
        <source>视频流中断</source>
        <translation>视频流中断</translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="328"/>
        <source>视频数据无法解析</source>
        <translation>视频数据无法解析</translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="333"/>
        <source>连接超时，没有收到画面</source>
        <translation>连接超时，没有收到画面</translation>
    </message>
    <message numerus="yes">
        <location filename="../../console/widgets/video_tile.py" line="336"/>
        <source>画面停止超过 %n 秒</source>
        <translation>
            <numerusform>画面停止超过 %n 秒</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="358"/>
        <source>空闲窗格</source>
        <translation>空闲窗格</translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="375"/>
        <source>连接中</source>
        <translation>连接中</translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="376"/>
        <source>● 直播</source>
        <translation>● 直播</translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="377"/>
        <source>● 信号丢失</source>
        <translation>● 信号丢失</translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="378"/>
        <source>暂停</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="389"/>
        <source>正在连接视频源……</source>
        <translation>正在连接视频源……</translation>
    </message>
    <message numerus="yes">
        <location filename="../../console/widgets/video_tile.py" line="393"/>
        <source>%n 秒后重试</source>
        <translation>
            <numerusform>%n 秒后重试</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="394"/>
        <source>信号丢失</source>
        <translation>信号丢失</translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="396"/>
        <source>窗格不可见，已暂停解码</source>
        <translation>窗格不可见，已暂停解码</translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="398"/>
        <source>把摄像机拖到这里</source>
        <translation>把摄像机拖到这里</translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="460"/>
        <source>无法打开视频源（地址不可达、资源不存在或连接被拒绝）</source>
        <translation>无法打开视频源（地址不可达、资源不存在或连接被拒绝）</translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="462"/>
        <source>视频格式或编码不受支持，数据无法解析</source>
        <translation>视频格式或编码不受支持，数据无法解析</translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="464"/>
        <source>网络错误，视频流中断</source>
        <translation>网络错误，视频流中断</translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="466"/>
        <source>无权访问该视频源</source>
        <translation>无权访问该视频源</translation>
    </message>
    <message>
        <location filename="../../console/widgets/video_tile.py" line="467"/>
        <source>播放出错</source>
        <translation>播放出错</translation>
    </message>
</context>
<context>
    <name>VideoWall</name>
    <message>
        <location filename="../../console/views/video_wall.py" line="83"/>
        <source>单画面</source>
        <translation>单画面</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="84"/>
        <source>1+5</source>
        <translation>1+5</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="91"/>
        <source> 秒</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="92"/>
        <location filename="../../console/views/video_wall.py" line="108"/>
        <source>轮巡间隔</source>
        <translation>轮巡间隔</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="94"/>
        <location filename="../../console/views/video_wall.py" line="459"/>
        <source>停止轮巡</source>
        <translation>停止轮巡</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="98"/>
        <source>跟随事件</source>
        <translation>跟随事件</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="99"/>
        <source>选中事件时，自动切换到能看到事发地点的摄像机</source>
        <translation>选中事件时，自动切换到能看到事发地点的摄像机</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="106"/>
        <source>布局</source>
        <translation>布局</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="176"/>
        <source>未知的摄像机：%1</source>
        <translation>未知的摄像机：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="314"/>
        <source>事件附近没有摄像机</source>
        <translation>事件附近没有摄像机</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="316"/>
        <source>跟随事件：%1</source>
        <translation>跟随事件：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="325"/>
        <source>拖入的摄像机不在登记表中</source>
        <translation>拖入的摄像机不在登记表中</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="335"/>
        <source>截图服务不可用</source>
        <translation>截图服务不可用</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="338"/>
        <source>请先选择一个事件，再截图</source>
        <translation>请先选择一个事件，再截图</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="342"/>
        <source>该窗格当前没有画面</source>
        <translation>该窗格当前没有画面</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="354"/>
        <source>截图保存失败：%1</source>
        <translation>截图保存失败：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="356"/>
        <source>截图已附加到事件 %1</source>
        <translation>截图已附加到事件 %1</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="369"/>
        <source>网格：%1</source>
        <translation>网格：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="370"/>
        <source>标签：%1</source>
        <translation>标签：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="378"/>
        <source>该分组没有摄像机</source>
        <translation>该分组没有摄像机</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="393"/>
        <source>轮巡中：%1</source>
        <translation>轮巡中：%1</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="425"/>
        <source>轮巡</source>
        <translation>轮巡</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="448"/>
        <source>还原</source>
        <translation>还原</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="448"/>
        <source>放大</source>
        <translation>放大</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="450"/>
        <source>本窗格轮巡</source>
        <translation>本窗格轮巡</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="451"/>
        <source>整墙轮巡</source>
        <translation>整墙轮巡</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="462"/>
        <source>截图到选中事件</source>
        <translation>截图到选中事件</translation>
    </message>
    <message>
        <location filename="../../console/views/video_wall.py" line="465"/>
        <source>清空窗格</source>
        <translation>清空窗格</translation>
    </message>
</context>
</TS>
