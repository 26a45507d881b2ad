<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>redit::gui</name>
    <message>
        <source>Circuits</source>
        <translation>电路</translation>
    </message>
    <message>
        <source>Distances</source>
        <translation>距离</translation>
    </message>
    <message>
        <source>Interference</source>
        <translation>干扰</translation>
    </message>
    <message>
        <source>Law</source>
        <translation>规律</translation>
    </message>
    <message>
        <source>Reshape</source>
        <translation>重塑</translation>
    </message>
    <message>
        <source>Edit and compare</source>
        <translation>编辑与比较</translation>
    </message>
    <message>
        <source>The EAP circuit of every reasoning pattern in the model</source>
        <translation>模型中每个推理模式的 EAP 电路</translation>
    </message>
    <message>
        <source>How far apart the patterns&apos; circuits are</source>
        <translation>各模式电路之间相距多远</translation>
    </message>
    <message>
        <source>How much a LoRA edit of one pattern changes the others</source>
        <translation>对一个模式做 LoRA 编辑会在多大程度上改变其他模式</translation>
    </message>
    <message>
        <source>Interference against circuit distance: Δ ≈ α + β d</source>
        <translation>干扰与电路距离的关系：Δ ≈ α + β d</translation>
    </message>
    <message>
        <source>REdit pulls the patterns&apos; circuits apart in a copy of the model</source>
        <translation>REdit 在模型副本中把各模式的电路拉开</translation>
    </message>
    <message>
        <source>Edit each pattern with every method; generality and locality</source>
        <translation>用每种方法编辑每个模式；泛化性与局部性</translation>
    </message>
    <message>
        <source>A run of this step is queued or running</source>
        <translation>此步骤已有排队或运行中的运行</translation>
    </message>
    <message>
        <source>Needs a finished run of %1 first</source>
        <translation>需要先有一个已完成的%1运行</translation>
    </message>
    <message>
        <source>The project needs a model and a dataset first</source>
        <translation>项目需要先有模型和数据集</translation>
    </message>
    <message>
        <source>no circuit: no pattern has a clean/corrupted pair</source>
        <translation>没有电路：没有模式具有干净/损坏样本对</translation>
    </message>
    <message>
        <source>1 circuit, %1 edges at budget %2</source>
        <translation>1 个电路，预算 %2 下 %1 条边</translation>
    </message>
    <message>
        <source>%1 circuits, median %2 edges at budget %3</source>
        <translation>%1 个电路，预算 %3 下边数中位数 %2</translation>
    </message>
    <message>
        <source>pattern pairs: %1, at budgets %2</source>
        <translation>模式对：%1，预算 %2</translation>
    </message>
    <message>
        <source>%1 patterns edited; on the other patterns mean Δ %2, largest %3</source>
        <translation>编辑了 %1 个模式；在其他模式上平均 Δ %2，最大 %3</translation>
    </message>
    <message>
        <source>β = %1, p = %2 (%3 at budget %4, n = %5)</source>
        <translation>β = %1，p = %2（%3，预算 %4，n = %5）</translation>
    </message>
    <message>
        <source>no fit: too few points or a constant distance</source>
        <translation>无拟合：点太少或距离恒定</translation>
    </message>
    <message>
        <source>reshaped model %1</source>
        <translation>重塑后的模型 %1</translation>
    </message>
    <message>
        <source>no model written</source>
        <translation>未写出模型</translation>
    </message>
    <message>
        <source>no edit outcomes</source>
        <translation>没有编辑结果</translation>
    </message>
    <message>
        <source>%1 methods; %2: generality %3%, locality %4%</source>
        <translation>%1 种方法；%2：泛化性 %3%，局部性 %4%</translation>
    </message>
    <message>
        <source>the results cannot be read: %1</source>
        <translation>无法读取结果：%1</translation>
    </message>
    <message>
        <source>Collected sweep &quot;%1&quot;: %2 run(s) merged, %3 merged before</source>
        <translation>已收集扫描“%1”：合并了 %2 个运行，%3 个此前已合并</translation>
    </message>
    <message>
        <source>; not finished yet: %1</source>
        <translation>；尚未完成：%1</translation>
    </message>
</context>
<context>
    <name>redit::gui::AboutDialog</name>
    <message>
        <source>About REdit Workbench</source>
        <translation>关于 REdit 工作台</translation>
    </message>
    <message>
        <source>&lt;h2&gt;REdit Workbench %1&lt;/h2&gt;&lt;p&gt;Revision %2&lt;/p&gt;&lt;p&gt;Find the circuits behind a language model&apos;s reasoning patterns, measure how they overlap and interfere, and edit one pattern without breaking the others (REdit: contrastive circuit reshaping, then LoRA editing; baselines LoRA, ROME, AlphaEdit).&lt;/p&gt;&lt;p&gt;Licence: GPL-3.0-or-later (the GNU General Public License, version 3 or later).&lt;/p&gt;</source>
        <translation>&lt;h2&gt;REdit 工作台 %1&lt;/h2&gt;&lt;p&gt;修订版本 %2&lt;/p&gt;&lt;p&gt;找出语言模型推理模式背后的电路，度量它们的重叠与干扰，并在不破坏其他模式的前提下编辑某一模式（REdit：对比式电路重塑，随后进行 LoRA 编辑；基线方法 LoRA、ROME、AlphaEdit）。&lt;/p&gt;&lt;p&gt;许可证：GPL-3.0-or-later（GNU 通用公共许可证第 3 版或更高版本）。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>LibTorch</source>
        <translation>LibTorch</translation>
    </message>
    <message>
        <source>BLAS</source>
        <translation>BLAS</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>%1 (CUDA devices: %2)</source>
        <translation>%1（CUDA 设备：%2）</translation>
    </message>
    <message>
        <source>%1 (no CUDA device)</source>
        <translation>%1（无 CUDA 设备）</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>线程数</translation>
    </message>
    <message>
        <source>&lt;p&gt;Runtime: not reported by this program.&lt;/p&gt;</source>
        <translation>&lt;p&gt;运行环境：本程序未报告。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>redit::gui::ArtifactPage</name>
    <message>
        <source>&amp;Save As…</source>
        <translation>另存为(&amp;S)…</translation>
    </message>
    <message>
        <source>Write the stored file as it is</source>
        <translation>按原样写出存储的文件</translation>
    </message>
    <message>
        <source>Open with the System &amp;Viewer</source>
        <translation>用系统查看器打开(&amp;V)</translation>
    </message>
    <message>
        <source>Write it to a temporary file and open that with the desktop&apos;s program for its type</source>
        <translation>将其写入临时文件，并用桌面中对应类型的程序打开</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; of run #%2 (%3, %4 bytes)</source>
        <translation>运行 #%2 的 &lt;b&gt;%1&lt;/b&gt;（%3，%4 字节）</translation>
    </message>
    <message>
        <source>This kind of file (%1) is not shown here: open it with the system viewer or save it.</source>
        <translation>此类文件（%1）无法在此显示：请用系统查看器打开或保存。</translation>
    </message>
    <message>
        <source>%1: cannot be written (%2)</source>
        <translation>%1：无法写入（%2）</translation>
    </message>
    <message>
        <source>Save %1</source>
        <translation>保存 %1</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>No program opens %1</source>
        <translation>没有程序可以打开 %1</translation>
    </message>
</context>
<context>
    <name>redit::gui::CircuitCompareView</name>
    <message>
        <source>Fraction of each circuit&apos;s edges kept (strongest |score| first, dangling edges pruned)</source>
        <translation>每个电路保留的边的比例（按 |得分| 从强到弱，剪除悬空边）</translation>
    </message>
    <message>
        <source>&amp;Budget:</source>
        <translation>预算(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;Fit</source>
        <translation>适应窗口(&amp;F)</translation>
    </message>
    <message>
        <source>Fit the drawing into the view (F)</source>
        <translation>使图形适应视图 (F)</translation>
    </message>
    <message>
        <source>Cannot compare at budget %1: %2</source>
        <translation>无法在预算 %1 下比较：%2</translation>
    </message>
    <message>
        <source>&lt;b&gt;A&lt;/b&gt; %1 &amp;nbsp; &lt;b&gt;B&lt;/b&gt; %2&lt;br&gt;shared %3 · only A %4 · only B %5 &amp;nbsp; | &amp;nbsp; %6</source>
        <translation>&lt;b&gt;A&lt;/b&gt; %1 &amp;nbsp; &lt;b&gt;B&lt;/b&gt; %2&lt;br&gt;共有 %3 · 仅 A %4 · 仅 B %5 &amp;nbsp; | &amp;nbsp; %6</translation>
    </message>
    <message>
        <source>Budget %1: %2</source>
        <translation>预算 %1：%2</translation>
    </message>
    <message>
        <source>shared</source>
        <translation>共有</translation>
    </message>
    <message>
        <source>only in A: %1</source>
        <translation>仅在 A 中：%1</translation>
    </message>
    <message>
        <source>only in B: %1</source>
        <translation>仅在 B 中：%1</translation>
    </message>
</context>
<context>
    <name>redit::gui::CircuitEdgeModel</name>
    <message>
        <source>From</source>
        <translation>起点</translation>
    </message>
    <message>
        <source>To</source>
        <translation>终点</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>分数</translation>
    </message>
</context>
<context>
    <name>redit::gui::CircuitGraph</name>
    <message>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>attention head</source>
        <translation>注意力头</translation>
    </message>
    <message>
        <source>MLP</source>
        <translation>MLP</translation>
    </message>
    <message>
        <source>logits</source>
        <translation>logits</translation>
    </message>
</context>
<context>
    <name>redit::gui::CircuitItems</name>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2, layer %3&lt;br&gt;total |score| of drawn edges: %4</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2，第 %3 层&lt;br&gt;已绘制边的 |分数| 总和：%4</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 → %2&lt;/b&gt;&lt;br&gt;score: %3</source>
        <translation>&lt;b&gt;%1 → %2&lt;/b&gt;&lt;br&gt;分数：%3</translation>
    </message>
</context>
<context>
    <name>redit::gui::CircuitLayout</name>
    <message>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>logits</source>
        <translation>logits</translation>
    </message>
    <message>
        <source>L%1 MLP</source>
        <translation>第 %1 层 MLP</translation>
    </message>
    <message>
        <source>L%1 q/k/v</source>
        <translation>第 %1 层 q/k/v</translation>
    </message>
    <message>
        <source>L%1 heads</source>
        <translation>第 %1 层注意力头</translation>
    </message>
</context>
<context>
    <name>redit::gui::CircuitPairDialog</name>
    <message>
        <source>Compare Circuits</source>
        <translation>比较电路</translation>
    </message>
    <message>
        <source>A finished circuits run</source>
        <translation>一个已完成的电路运行</translation>
    </message>
    <message>
        <source>A finished circuits run (the same one to compare two patterns)</source>
        <translation>一个已完成的电路运行（比较两个模式时选同一个）</translation>
    </message>
    <message>
        <source>Fraction of each circuit&apos;s edges kept (strongest |score| first)</source>
        <translation>每个电路保留的边的比例（按 |得分| 从强到弱）</translation>
    </message>
    <message>
        <source>Run &amp;A:</source>
        <translation>运行 A(&amp;A)：</translation>
    </message>
    <message>
        <source>Pattern A:</source>
        <translation>模式 A：</translation>
    </message>
    <message>
        <source>Run &amp;B:</source>
        <translation>运行 B(&amp;B)：</translation>
    </message>
    <message>
        <source>Pattern B:</source>
        <translation>模式 B：</translation>
    </message>
    <message>
        <source>B&amp;udget:</source>
        <translation>预算(&amp;U)：</translation>
    </message>
    <message>
        <source>Choose two finished circuits runs.</source>
        <translation>请选择两个已完成的电路运行。</translation>
    </message>
</context>
<context>
    <name>redit::gui::CircuitPanel</name>
    <message>
        <source>Find node…</source>
        <translation>查找节点…</translation>
    </message>
    <message>
        <source>Type a node name and press Enter to highlight and centre it</source>
        <translation>输入节点名称并按回车键，将其高亮并居中</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适应</translation>
    </message>
    <message>
        <source>Fit the whole circuit in the view (F)</source>
        <translation>使整个电路适应视图 (F)</translation>
    </message>
    <message>
        <source>Drawn edges; click a column header to sort, select a row to highlight the edge</source>
        <translation>已绘制的边；单击列标题排序，选中一行以高亮该边</translation>
    </message>
    <message>
        <source>Filter edges…</source>
        <translation>筛选边…</translation>
    </message>
    <message>
        <source>Show only edges whose ends or score contain this text</source>
        <translation>仅显示端点或分数包含此文本的边</translation>
    </message>
    <message>
        <source>Laying out %1 edges…</source>
        <translation>正在布局 %1 条边…</translation>
    </message>
    <message>
        <source>Too many edges to draw</source>
        <translation>边数过多，无法绘制</translation>
    </message>
    <message>
        <source>%1 nodes, %2 edges</source>
        <translation>%1 个节点，%2 条边</translation>
    </message>
    <message>
        <source>No node matches “%1”</source>
        <translation>没有与“%1”匹配的节点</translation>
    </message>
    <message>
        <source>Layered</source>
        <translation>分层</translation>
    </message>
    <message>
        <source>Graphviz dot</source>
        <translation>Graphviz dot</translation>
    </message>
    <message>
        <source>Layered: one row per layer and kind, heads in index order, instant at any size.
Graphviz dot: fewer crossings, seconds for a few thousand edges (at most %1).</source>
        <translation>分层：每层每种节点一行，注意力头按编号排列，任何规模都能即时绘制。
Graphviz dot：交叉更少，几千条边需要数秒（最多 %1 条）。</translation>
    </message>
    <message>
        <source>&amp;Layout:</source>
        <translation>布局(&amp;L)：</translation>
    </message>
</context>
<context>
    <name>redit::gui::CircuitSelectionWidget</name>
    <message>
        <source>Top n edges</source>
        <translation>前 n 条边</translation>
    </message>
    <message>
        <source>Fraction of edges</source>
        <translation>边的比例</translation>
    </message>
    <message>
        <source>|score| threshold</source>
        <translation>|分数| 阈值</translation>
    </message>
    <message>
        <source>How the edges to draw are chosen, strongest |score| first</source>
        <translation>选择要绘制的边的方式，按 |分数| 从强到弱</translation>
    </message>
    <message>
        <source>Number of edges, fraction (0–1) or minimum |score|, depending on the mode</source>
        <translation>边数、比例 (0–1) 或最小 |分数|，取决于模式</translation>
    </message>
    <message>
        <source>&amp;Edges:</source>
        <translation>边(&amp;E)：</translation>
    </message>
</context>
<context>
    <name>redit::gui::CircuitView</name>
    <message>
        <source>This circuit has %1 edges, more than the %2 this view lays out.
Select fewer edges (top n, fraction or threshold) to draw it.</source>
        <translation>此电路有 %1 条边，超过本视图可布局的 %2 条。
请选择更少的边（前 n 条、比例或阈值）后再绘制。</translation>
    </message>
</context>
<context>
    <name>redit::gui::ConfigForm</name>
    <message>
        <source>Type: %1</source>
        <translation>类型：%1</translation>
    </message>
    <message>
        <source>Range: %1 to %2</source>
        <translation>范围：%1 到 %2</translation>
    </message>
    <message>
        <source>At least %1</source>
        <translation>至少 %1</translation>
    </message>
    <message>
        <source>At most %1</source>
        <translation>至多 %1</translation>
    </message>
    <message>
        <source>One of: %1</source>
        <translation>可选值：%1</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>必填</translation>
    </message>
    <message>
        <source>Default: %1</source>
        <translation>默认值：%1</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>required</source>
        <translation>必填</translation>
    </message>
    <message>
        <source>Config key: %1</source>
        <translation>配置键：%1</translation>
    </message>
    <message>
        <source>Unit: %1</source>
        <translation>单位：%1</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>高级</translation>
    </message>
    <message>
        <source>Show the settings that are rarely changed</source>
        <translation>显示很少更改的设置</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>redit::gui::DatasetPage</name>
    <message>
        <source>The dataset&apos;s patterns; choose one to see its rule and instances</source>
        <translation>数据集的模式；选择一个以查看其规则与实例</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>领域</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Instance</source>
        <translation>实例</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Dataset %1&lt;/h2&gt;&lt;p&gt;Spec: &lt;tt&gt;%2&lt;/tt&gt;&lt;br&gt;%3 patterns, %4 instances&lt;br&gt;Content hash: &lt;tt&gt;%5&lt;/tt&gt;&lt;/p&gt;</source>
        <translation>&lt;h2&gt;数据集 %1&lt;/h2&gt;&lt;p&gt;规格：&lt;tt&gt;%2&lt;/tt&gt;&lt;br&gt;%3 个模式，%4 个实例&lt;br&gt;内容哈希：&lt;tt&gt;%5&lt;/tt&gt;&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>redit::gui::DemoProject</name>
    <message>
        <source>The built-in model folder %1 does not exist yet; create it with `redit train-tiny --out resources/models/logic-tiny` (a few minutes on CPU).</source>
        <translation>内置模型文件夹 %1 尚不存在；请用 `redit train-tiny --out resources/models/logic-tiny` 创建（在 CPU 上需几分钟）。</translation>
    </message>
</context>
<context>
    <name>redit::gui::DemoViews</name>
    <message>
        <source>Synthetic example data for illustration only: these are not results.</source>
        <translation>仅供演示的合成示例数据：这些不是实验结果。</translation>
    </message>
    <message>
        <source>Filled the views with synthetic example data</source>
        <translation>已用合成示例数据填充各视图</translation>
    </message>
    <message>
        <source>Results (synthetic)</source>
        <translation>结果（合成）</translation>
    </message>
    <message>
        <source>Interference (synthetic)</source>
        <translation>干扰（合成）</translation>
    </message>
    <message>
        <source>Distances (synthetic)</source>
        <translation>距离（合成）</translation>
    </message>
    <message>
        <source>Circuit (synthetic)</source>
        <translation>电路（合成）</translation>
    </message>
</context>
<context>
    <name>redit::gui::DistanceHeatmap</name>
    <message>
        <source>Distance metric between pattern circuits</source>
        <translation>模式电路之间的距离度量</translation>
    </message>
    <message>
        <source>&amp;Metric:</source>
        <translation>度量(&amp;M)：</translation>
    </message>
    <message>
        <source>The %1 matrix has %2 values; %3 patterns need %4.</source>
        <translation>%1 矩阵有 %2 个值；%3 个模式需要 %4 个。</translation>
    </message>
    <message>
        <source>%1 – %2
%3 = %4</source>
        <translation>%1 – %2
%3 = %4</translation>
    </message>
</context>
<context>
    <name>redit::gui::ExplorerWorkflow</name>
    <message>
        <source>No project is open</source>
        <translation>没有打开的项目</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1 cannot be shown:
%2</source>
        <translation>无法显示 %1：
%2</translation>
    </message>
    <message>
        <source>Pattern %1</source>
        <translation>模式 %1</translation>
    </message>
    <message>
        <source>Model %1</source>
        <translation>模型 %1</translation>
    </message>
    <message>
        <source>Dataset %1</source>
        <translation>数据集 %1</translation>
    </message>
    <message>
        <source>Save %1</source>
        <translation>保存 %1</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <source>Architecture, parameters, tokenizer and memory estimate</source>
        <translation>架构、参数、分词器与内存估算</translation>
    </message>
    <message>
        <source>&amp;New Run with This Model…</source>
        <translation>用此模型新建运行(&amp;N)…</translation>
    </message>
    <message>
        <source>Open New Run with this model chosen</source>
        <translation>打开新建运行并选中此模型</translation>
    </message>
    <message>
        <source>Browse its patterns and instances</source>
        <translation>浏览其模式与实例</translation>
    </message>
    <message>
        <source>&amp;New Run on This Dataset…</source>
        <translation>在此数据集上新建运行(&amp;N)…</translation>
    </message>
    <message>
        <source>Open New Run with this dataset chosen</source>
        <translation>打开新建运行并选中此数据集</translation>
    </message>
    <message>
        <source>Its rule, instances, accuracy and circuit</source>
        <translation>其规则、实例、准确率与电路</translation>
    </message>
    <message>
        <source>Open Its &amp;Circuit</source>
        <translation>打开其电路(&amp;C)</translation>
    </message>
    <message>
        <source>The circuit the newest circuits run found for it</source>
        <translation>最新的电路运行为其找到的电路</translation>
    </message>
    <message>
        <source>&amp;New Run on Its Dataset…</source>
        <translation>在其数据集上新建运行(&amp;N)…</translation>
    </message>
    <message>
        <source>Open New Run with the pattern&apos;s dataset chosen</source>
        <translation>打开新建运行并选中该模式的数据集</translation>
    </message>
    <message>
        <source>Draw the circuit</source>
        <translation>绘制电路</translation>
    </message>
    <message>
        <source>&amp;Compare with Another Circuit…</source>
        <translation>与另一电路比较(&amp;C)…</translation>
    </message>
    <message>
        <source>Show two circuits as shared and separate edges</source>
        <translation>以共享边和各自独有的边显示两个电路</translation>
    </message>
    <message>
        <source>Measure &amp;Distances…</source>
        <translation>度量距离(&amp;D)…</translation>
    </message>
    <message>
        <source>Open New Run for the distances between this run&apos;s circuits</source>
        <translation>打开新建运行，计算此运行各电路之间的距离</translation>
    </message>
    <message>
        <source>Show the stored file</source>
        <translation>显示存储的文件</translation>
    </message>
    <message>
        <source>&amp;Save As…</source>
        <translation>另存为(&amp;S)…</translation>
    </message>
    <message>
        <source>Write the stored file as it is</source>
        <translation>按原样写出存储的文件</translation>
    </message>
    <message>
        <source>&amp;Open Results</source>
        <translation>打开结果(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Details</source>
        <translation>详情(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Clone and Edit…</source>
        <translation>克隆并编辑(&amp;C)…</translation>
    </message>
    <message>
        <source>Com&amp;pare with…</source>
        <translation>与…比较(&amp;P)</translation>
    </message>
</context>
<context>
    <name>redit::gui::InterferenceScatter</name>
    <message>
        <source>&amp;Reference filter (Δ ≥ 0.1)</source>
        <translation>参考筛选 (Δ ≥ 0.1)(&amp;R)</translation>
    </message>
    <message>
        <source>Circuit distance metric on the x axis</source>
        <translation>x 轴上的电路距离度量</translation>
    </message>
    <message>
        <source>Edge budget τ of the circuits</source>
        <translation>电路的边预算 τ</translation>
    </message>
    <message>
        <source>Show the points and fit of the reference figure, which drops pairs with Δ &lt; 0.1</source>
        <translation>显示参考图的点与拟合，该图剔除 Δ &lt; 0.1 的模式对</translation>
    </message>
    <message>
        <source>&amp;Metric:</source>
        <translation>度量(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Budget:</source>
        <translation>预算(&amp;B)：</translation>
    </message>
    <message>
        <source>No data for this metric, budget and filter.</source>
        <translation>此度量、预算与筛选条件下没有数据。</translation>
    </message>
    <message>
        <source>β = %1   r = %2   p = %3   n = %4</source>
        <translation>β = %1   r = %2   p = %3   n = %4</translation>
    </message>
    <message>
        <source>Interference against circuit distance (%1, budget %2)</source>
        <translation>干扰与电路距离的关系（%1，预算 %2）</translation>
    </message>
    <message>
        <source>95% band</source>
        <translation>95% 置信带</translation>
    </message>
    <message>
        <source>same pattern</source>
        <translation>同一模式</translation>
    </message>
    <message>
        <source>cross pattern</source>
        <translation>跨模式</translation>
    </message>
    <message>
        <source>fit Δ = α + β·d</source>
        <translation>拟合 Δ = α + β·d</translation>
    </message>
    <message>
        <source>circuit distance (%1)</source>
        <translation>电路距离（%1）</translation>
    </message>
    <message>
        <source>interference Δ</source>
        <translation>干扰 Δ</translation>
    </message>
    <message>
        <source>edited %1, probed %2
d = %3, Δ = %4</source>
        <translation>编辑 %1，探测 %2
d = %3，Δ = %4</translation>
    </message>
</context>
<context>
    <name>redit::gui::MainWindow</name>
    <message>
        <source>REdit Workbench</source>
        <translation>REdit 工作台</translation>
    </message>
    <message>
        <source>&lt;h2&gt;REdit Workbench&lt;/h2&gt;&lt;p&gt;Open a project or the demo project to begin.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;REdit 工作台&lt;/h2&gt;&lt;p&gt;打开一个项目或演示项目以开始。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>欢迎</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Messages of this session</source>
        <translation>本次会话的消息</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New Project…</source>
        <translation>新建项目(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Open Project…</source>
        <translation>打开项目(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>Open &amp;Demo Project</source>
        <translation>打开演示项目(&amp;D)</translation>
    </message>
    <message>
        <source>Save Project &amp;As…</source>
        <translation>项目另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Close Project</source>
        <translation>关闭项目(&amp;C)</translation>
    </message>
    <message>
        <source>Close the open project</source>
        <translation>关闭打开的项目</translation>
    </message>
    <message>
        <source>&amp;Export Figure…</source>
        <translation>导出图形(&amp;E)…</translation>
    </message>
    <message>
        <source>Save the current view as PNG, SVG or PDF</source>
        <translation>将当前视图保存为 PNG、SVG 或 PDF</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>Device, threads, number format, folders and language</source>
        <translation>设备、线程、数值格式、文件夹和语言</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Quit the workbench</source>
        <translation>退出工作台</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Show or hide the %1 pane</source>
        <translation>显示或隐藏“%1”窗格</translation>
    </message>
    <message>
        <source>&amp;Reset Layout</source>
        <translation>重置布局(&amp;R)</translation>
    </message>
    <message>
        <source>Put every pane back where it started</source>
        <translation>将所有窗格放回初始位置</translation>
    </message>
    <message>
        <source>C&amp;lear Log</source>
        <translation>清空日志(&amp;L)</translation>
    </message>
    <message>
        <source>Remove all messages from the log pane</source>
        <translation>删除日志窗格中的所有消息</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About REdit Workbench</source>
        <translation>关于 REdit 工作台(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 &amp;Qt</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Clear List</source>
        <translation>清除列表</translation>
    </message>
    <message>
        <source>%1: no project store is connected to this window</source>
        <translation>%1：此窗口未连接项目存储</translation>
    </message>
    <message>
        <source>No project store is connected</source>
        <translation>未连接项目存储</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 失败：%2</translation>
    </message>
    <message>
        <source>%1 – REdit Workbench</source>
        <translation>%1 – REdit 工作台</translation>
    </message>
    <message>
        <source>Opened project %1</source>
        <translation>已打开项目 %1</translation>
    </message>
    <message>
        <source>New Project</source>
        <translation>新建项目</translation>
    </message>
    <message>
        <source>Open Project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <source>Open Demo Project</source>
        <translation>打开演示项目</translation>
    </message>
    <message>
        <source>No project is open</source>
        <translation>没有打开的项目</translation>
    </message>
    <message>
        <source>Save Project As</source>
        <translation>项目另存为</translation>
    </message>
    <message>
        <source>Close Project</source>
        <translation>关闭项目</translation>
    </message>
    <message>
        <source>Close the project? Its open views are closed too.</source>
        <translation>关闭项目？其打开的视图也将关闭。</translation>
    </message>
    <message>
        <source>Closed the project</source>
        <translation>已关闭项目</translation>
    </message>
    <message>
        <source>Cancel run %1: no job engine is connected</source>
        <translation>取消运行 %1：未连接作业引擎</translation>
    </message>
    <message>
        <source>Cancelling run %1</source>
        <translation>正在取消运行 %1</translation>
    </message>
    <message>
        <source>Cancel run %1 failed: %2</source>
        <translation>取消运行 %1 失败：%2</translation>
    </message>
    <message>
        <source>This view has no figure to export</source>
        <translation>此视图没有可导出的图形</translation>
    </message>
    <message>
        <source>Export figure</source>
        <translation>导出图形</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)</source>
        <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg);;PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Resolution (dots per inch):</source>
        <translation>分辨率（每英寸点数）：</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>已导出 %1</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Settings saved</source>
        <translation>设置已保存</translation>
    </message>
    <message>
        <source>Reset Layout</source>
        <translation>重置布局</translation>
    </message>
    <message>
        <source>Put every pane back in its original place?</source>
        <translation>将所有窗格放回原来的位置？</translation>
    </message>
    <message>
        <source>Clear Log</source>
        <translation>清空日志</translation>
    </message>
    <message>
        <source>Remove all messages from the log?</source>
        <translation>删除日志中的所有消息？</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) still running will be stopped. Quit anyway?</source>
        <translation>
            <numerusform>%n 个仍在运行的任务将被停止。仍要退出吗？</numerusform>
        </translation>
    </message>
    <message>
        <source>REdit project (*.redit)</source>
        <translation>REdit 项目 (*.redit)</translation>
    </message>
    <message>
        <source>Create a new .redit project file</source>
        <translation>新建一个 .redit 项目文件</translation>
    </message>
    <message>
        <source>Open a .redit project file</source>
        <translation>打开一个 .redit 项目文件</translation>
    </message>
    <message>
        <source>Open the demo project (built-in logic-tiny model, synthetic deductive level-1 data)</source>
        <translation>打开演示项目（内置 logic-tiny 模型，合成的一级演绎数据）</translation>
    </message>
    <message>
        <source>Copy the open project to another file and continue there</source>
        <translation>将打开的项目复制到另一个文件并在其中继续</translation>
    </message>
    <message>
        <source>&amp;New Run…</source>
        <translation>新建运行(&amp;N)…</translation>
    </message>
    <message>
        <source>Configure a run of a pipeline stage and queue it</source>
        <translation>配置一个流水线阶段的运行并将其加入队列</translation>
    </message>
    <message>
        <source>&amp;Clone and Edit Run…</source>
        <translation>克隆并编辑运行(&amp;C)…</translation>
    </message>
    <message>
        <source>Open New Run with the configuration of the run selected in the Runs pane</source>
        <translation>以“运行”窗格中选中运行的配置打开“新建运行”</translation>
    </message>
    <message>
        <source>Run &amp;Details</source>
        <translation>运行详情(&amp;D)</translation>
    </message>
    <message>
        <source>Show the configuration, provenance and log of the selected run</source>
        <translation>显示选中运行的配置、来源信息和日志</translation>
    </message>
    <message>
        <source>No job engine is connected</source>
        <translation>未连接作业引擎</translation>
    </message>
    <message>
        <source>Open a project first</source>
        <translation>请先打开一个项目</translation>
    </message>
    <message>
        <source>Select a run in the Runs pane first</source>
        <translation>请先在“运行”窗格中选择一个运行</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>新建项目</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <source>Save project as</source>
        <translation>项目另存为</translation>
    </message>
    <message>
        <source>Export &amp;Report…</source>
        <translation>导出报告(&amp;R)…</translation>
    </message>
    <message>
        <source>Write a report of the project or of one run (HTML or PDF): tables, figures, configs and provenance</source>
        <translation>写出项目或单个运行的报告（HTML 或 PDF）：表格、图、配置和来源信息</translation>
    </message>
    <message>
        <source>Com&amp;pare Runs…</source>
        <translation>比较运行(&amp;P)…</translation>
    </message>
    <message>
        <source>Show two runs&apos; configurations side by side (differences highlighted) and their metric curves</source>
        <translation>并排显示两个运行的配置（突出显示差异）及其指标曲线</translation>
    </message>
    <message>
        <source>Compare C&amp;ircuits…</source>
        <translation>比较电路(&amp;I)…</translation>
    </message>
    <message>
        <source>Show two circuits (two patterns, or one pattern of two circuits runs) as shared and separate edges</source>
        <translation>以共有边和各自独有的边显示两个电路（两个模式，或两个电路运行中的同一模式）</translation>
    </message>
    <message>
        <source>Project Re&amp;sults</source>
        <translation>项目结果(&amp;S)</translation>
    </message>
    <message>
        <source>Show the generality and locality of every level of the project&apos;s compare runs in one table and chart</source>
        <translation>在一个表格和图表中显示项目所有比较运行各级别的泛化性和局部性</translation>
    </message>
    <message>
        <source>&amp;Overview</source>
        <translation>概览(&amp;O)</translation>
    </message>
    <message>
        <source>Show the project&apos;s overview: the method&apos;s steps, their state and key figures</source>
        <translation>显示项目概览：方法的各个步骤、其状态和关键数字</translation>
    </message>
    <message>
        <source>&amp;Manual</source>
        <translation>手册(&amp;M)</translation>
    </message>
    <message>
        <source>The user guide: the workbench&apos;s pages and the method&apos;s steps</source>
        <translation>用户指南：工作台的各页面与方法的各步骤</translation>
    </message>
    <message>
        <source>Version, licence, LibTorch, BLAS and device</source>
        <translation>版本、许可证、LibTorch、BLAS 与设备</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>手册</translation>
    </message>
    <message>
        <source>The manual was not found; looked for:
%1</source>
        <translation>未找到手册；查找过：
%1</translation>
    </message>
    <message>
        <source>Manual: %1</source>
        <translation>手册：%1</translation>
    </message>
    <message>
        <source>Sweeps</source>
        <translation>扫描</translation>
    </message>
</context>
<context>
    <name>redit::gui::MethodChain</name>
    <message>
        <source>The whole method stopped at %1: run #%2 %3</source>
        <translation>完整方法在%1处停止：运行 #%2 %3</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>was cancelled</source>
        <translation>已被取消</translation>
    </message>
    <message numerus="yes">
        <source>The whole method has finished: %n run(s), see the Overview</source>
        <translation>
            <numerusform>完整方法已完成：%n 个运行，请查看概览</numerusform>
        </translation>
    </message>
    <message>
        <source>The whole method stopped: %1 could not be launched: %2</source>
        <translation>完整方法已停止：无法启动%1：%2</translation>
    </message>
</context>
<context>
    <name>redit::gui::MetricChart</name>
    <message>
        <source>The metric of the selected run to plot</source>
        <translation>要绘制的选中运行的指标</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>Metric:</source>
        <translation>指标：</translation>
    </message>
</context>
<context>
    <name>redit::gui::ModelPage</name>
    <message>
        <source>Property</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>As `redit model info` prints it; the memory estimates are for fp32, batch 8 x length 256</source>
        <translation>与 `redit model info` 的输出相同；内存估算按 fp32、批大小 8 × 长度 256 计算</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Model %1&lt;/h2&gt;&lt;p&gt;Folder: &lt;tt&gt;%2&lt;/tt&gt;&lt;br&gt;Content hash: &lt;tt&gt;%3&lt;/tt&gt;&lt;/p&gt;</source>
        <translation>&lt;h2&gt;模型 %1&lt;/h2&gt;&lt;p&gt;文件夹：&lt;tt&gt;%2&lt;/tt&gt;&lt;br&gt;内容哈希：&lt;tt&gt;%3&lt;/tt&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>The model folder cannot be read: %1</source>
        <translation>无法读取模型文件夹：%1</translation>
    </message>
</context>
<context>
    <name>redit::gui::OverviewPage</name>
    <message>
        <source>not run</source>
        <translation>未运行</translation>
    </message>
    <message>
        <source>queued (run #%1)</source>
        <translation>排队中（运行 #%1）</translation>
    </message>
    <message>
        <source>running (run #%1): %2% %3</source>
        <translation>运行中（运行 #%1）：%2% %3</translation>
    </message>
    <message>
        <source>finished (run #%1)</source>
        <translation>已完成（运行 #%1）</translation>
    </message>
    <message>
        <source>failed (run #%1): %2</source>
        <translation>失败（运行 #%1）：%2</translation>
    </message>
    <message>
        <source>cancelled (run #%1)</source>
        <translation>已取消（运行 #%1）</translation>
    </message>
    <message>
        <source>The circuit-interference law</source>
        <translation>电路—干扰规律</translation>
    </message>
    <message>
        <source>Editing without breaking</source>
        <translation>编辑而不破坏</translation>
    </message>
    <message>
        <source>The first pattern&apos;s circuit appears here once the circuits step has finished.</source>
        <translation>电路步骤完成后，第一个模式的电路会显示在这里。</translation>
    </message>
    <message>
        <source>Circuit</source>
        <translation>电路</translation>
    </message>
    <message>
        <source>The law&apos;s scatter appears here once the law step has finished.</source>
        <translation>规律步骤完成后，规律的散点图会显示在这里。</translation>
    </message>
    <message>
        <source>Law</source>
        <translation>规律</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>The project has no model or dataset yet: add them with Run &gt; New Run.</source>
        <translation>项目还没有模型或数据集：请通过“运行 &gt; 新建运行”添加。</translation>
    </message>
    <message>
        <source>Model: %1&lt;br&gt;Data: %2</source>
        <translation>模型：%1&lt;br&gt;数据：%2</translation>
    </message>
    <message>
        <source>From run #%1</source>
        <translation>来自运行 #%1</translation>
    </message>
    <message>
        <source>Open the view of run #%1</source>
        <translation>打开运行 #%1 的视图</translation>
    </message>
    <message>
        <source>The step has no finished run yet</source>
        <translation>此步骤还没有已完成的运行</translation>
    </message>
    <message>
        <source>Run again</source>
        <translation>再次运行</translation>
    </message>
    <message>
        <source>Launch a %1 run with the parameters %2 (the others: the stage&apos;s defaults)</source>
        <translation>以参数 %2 启动一次 %1 运行（其余参数：该阶段的默认值）</translation>
    </message>
    <message>
        <source>Circuit of %1 (run #%2, budget %3, the strongest %4 edges)</source>
        <translation>%1 的电路（运行 #%2，预算 %3，最强的 %4 条边）</translation>
    </message>
    <message>
        <source>Law (run #%1)</source>
        <translation>规律（运行 #%1）</translation>
    </message>
</context>
<context>
    <name>redit::gui::OverviewWorkflow</name>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Run %1</source>
        <translation>运行%1</translation>
    </message>
    <message>
        <source>The run could not be launched; the log says why.</source>
        <translation>无法启动该运行；原因见日志。</translation>
    </message>
    <message>
        <source>Overview: %1</source>
        <translation>概览：%1</translation>
    </message>
    <message>
        <source>The law&apos;s steps have finished: see the Overview</source>
        <translation>规律的各步骤已完成：请看概览</translation>
    </message>
    <message>
        <source>Cannot compute %1: %2</source>
        <translation>无法计算%1：%2</translation>
    </message>
    <message>
        <source>the overview has not been read yet</source>
        <translation>概览尚未读取</translation>
    </message>
    <message>
        <source>Launched run #%1 (%2) from the overview</source>
        <translation>已从概览启动运行 #%1（%2）</translation>
    </message>
    <message>
        <source>Run %1: %2</source>
        <translation>运行%1：%2</translation>
    </message>
    <message>
        <source>Stopped computing the law&apos;s steps: run #%1 did not finish</source>
        <translation>已停止计算规律的各步骤：运行 #%1 未完成</translation>
    </message>
</context>
<context>
    <name>redit::gui::PatternPage</name>
    <message>
        <source>Domain</source>
        <translation>领域</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Instance</source>
        <translation>实例</translation>
    </message>
    <message>
        <source>Eval run</source>
        <translation>评估运行</translation>
    </message>
    <message>
        <source>Instances</source>
        <translation>实例</translation>
    </message>
    <message>
        <source>Correct</source>
        <translation>正确</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>总数</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>The abstract problem whose instances make up the pattern</source>
        <translation>构成该模式的实例所对应的抽象问题</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Pattern %1&lt;/h2&gt;&lt;p&gt;Dataset: %2&lt;/p&gt;</source>
        <translation>&lt;h2&gt;模式 %1&lt;/h2&gt;&lt;p&gt;数据集：%2&lt;/p&gt;</translation>
    </message>
    <message>
        <source>(no rule text stored)</source>
        <translation>（未存储规则文本）</translation>
    </message>
    <message>
        <source>Accuracy of the model in each finished eval run:</source>
        <translation>模型在每次已完成评估运行中的准确率：</translation>
    </message>
    <message>
        <source>#%1</source>
        <translation>#%1</translation>
    </message>
    <message>
        <source>No circuit yet: a circuits run finds one for every pattern.</source>
        <translation>尚无电路：电路运行会为每个模式找到一个电路。</translation>
    </message>
    <message>
        <source>Open its circuit (run #%1)</source>
        <translation>打开其电路（运行 #%1）</translation>
    </message>
    <message>
        <source>Show the circuit run #%1 found for this pattern</source>
        <translation>显示运行 #%1 为该模式找到的电路</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <source>P(answer)</source>
        <translation>P(回答)</translation>
    </message>
    <message numerus="yes">
        <source>The model&apos;s answers in eval run #%1 (instances: %2), the first %3 of the %n it scored; P(answer) is the answer&apos;s probability among True, False and N/A:</source>
        <translation>
            <numerusform>eval 运行 #%1（实例：%2）中模型的回答，为其评估的 %n 个实例中的前 %3 个；P(回答) 是该回答在 True、False 和 N/A 中的概率：</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The first %1 of its %n instance(s); the model&apos;s answers appear once an eval run scores the pattern (Run &gt; New Run…, stage eval):</source>
        <translation>
            <numerusform>其 %n 个实例中的前 %1 个；eval 运行评估此模式后会显示模型的回答（运行 &gt; 新建运行…，阶段 eval）：</numerusform>
        </translation>
    </message>
    <message>
        <source>Wrong: the gold label is %1</source>
        <translation>错误：正确标签为 %1</translation>
    </message>
    <message>
        <source>Accuracy: no finished eval run has scored this pattern yet (Run &gt; New Run…, stage eval).</source>
        <translation>准确率：尚无已完成的 eval 运行评估此模式（运行 &gt; 新建运行…，阶段 eval）。</translation>
    </message>
</context>
<context>
    <name>redit::gui::ProjectEditResults</name>
    <message>
        <source>level %1 from run #%2</source>
        <translation>级别 %1 来自运行 #%2</translation>
    </message>
    <message>
        <source>Level %1 is also in the older run(s) %2, not shown: each level shows its newest compare run, runs are never averaged.</source>
        <translation>级别 %1 也出现在较早的运行 %2 中，未显示：每个级别只显示其最新的比较运行，不同运行从不取平均。</translation>
    </message>
    <message>
        <source>Compare runs shown: %1.</source>
        <translation>显示的比较运行：%1。</translation>
    </message>
    <message>
        <source>level %1 from the %2 cells of sweep &quot;%3&quot; (runs %4, seeds pooled)</source>
        <translation>第 %1 级来自扫描“%3”的 %2 个单元（运行 %4，种子合并）</translation>
    </message>
</context>
<context>
    <name>redit::gui::ProjectExplorer</name>
    <message>
        <source>The open project&apos;s models, datasets, patterns, circuits, runs, figures and reports; double-click an entry to open it</source>
        <translation>打开的项目中的模型、数据集、模式、电路、运行、图形和报告；双击条目以打开</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Datasets</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Patterns</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>Circuits</source>
        <translation>电路</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>图形</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报告</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>The generality and locality of every level of the project&apos;s compare runs (double-click to open)</source>
        <translation>项目所有比较运行各级别的泛化性和局部性（双击打开）</translation>
    </message>
</context>
<context>
    <name>redit::gui::Report</name>
    <message>
        <source>Provenance</source>
        <translation>来源信息</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>Project: %1</source>
        <translation>项目：%1</translation>
    </message>
    <message>
        <source>Generated: %1</source>
        <translation>生成时间：%1</translation>
    </message>
    <message>
        <source>Tables</source>
        <translation>表格</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>图</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>运行</translation>
    </message>
</context>
<context>
    <name>redit::gui::ResultsView</name>
    <message>
        <source>Generality</source>
        <translation>泛化性</translation>
    </message>
    <message>
        <source>Locality</source>
        <translation>局部性</translation>
    </message>
    <message>
        <source>Measure shown in the bar chart (mean over seeds)</source>
        <translation>柱状图中显示的指标（各种子的平均值）</translation>
    </message>
    <message>
        <source>&amp;Copy CSV</source>
        <translation>复制 CSV(&amp;C)</translation>
    </message>
    <message>
        <source>Export CS&amp;V…</source>
        <translation>导出 CSV(&amp;V)…</translation>
    </message>
    <message>
        <source>Export &amp;LaTeX…</source>
        <translation>导出 LaTeX(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Chart:</source>
        <translation>图表(&amp;C)：</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Level %1</source>
        <translation>级别 %1</translation>
    </message>
    <message>
        <source>%1 (%, mean over seeds)</source>
        <translation>%1（%，各种子的平均值）</translation>
    </message>
    <message>
        <source>%1 by method and level</source>
        <translation>按方法和级别的%1</translation>
    </message>
    <message>
        <source>Export results as LaTeX</source>
        <translation>将结果导出为 LaTeX</translation>
    </message>
    <message>
        <source>Export results as CSV</source>
        <translation>将结果导出为 CSV</translation>
    </message>
    <message>
        <source>LaTeX (*.tex)</source>
        <translation>LaTeX (*.tex)</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>One row per method, level and seed (mean over patterns); click a header to sort</source>
        <translation>每个方法、难度级别和种子一行（对模式取平均）；单击标题排序</translation>
    </message>
    <message>
        <source>Methods x levels: mean ± standard deviation over seeds, in percent</source>
        <translation>方法 × 难度级别：各随机种子的均值 ± 标准差（百分比）</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>表格</translation>
    </message>
    <message>
        <source>Per seed</source>
        <translation>按随机种子</translation>
    </message>
    <message>
        <source>Copy the visible table to the clipboard as CSV (Ctrl+Shift+C)</source>
        <translation>将当前显示的表格以 CSV 复制到剪贴板 (Ctrl+Shift+C)</translation>
    </message>
    <message>
        <source>Save the visible table as a CSV file</source>
        <translation>将当前显示的表格保存为 CSV 文件</translation>
    </message>
    <message>
        <source>Save the visible table as a LaTeX tabular</source>
        <translation>将当前显示的表格保存为 LaTeX tabular</translation>
    </message>
    <message>
        <source>L%1 Generality</source>
        <translation>L%1 泛化性</translation>
    </message>
    <message>
        <source>L%1 Locality</source>
        <translation>L%1 局部性</translation>
    </message>
    <message numerus="yes">
        <source>%n seed(s)</source>
        <translation>
            <numerusform>%n 个随机种子</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>redit::gui::RunComparisonView</name>
    <message>
        <source>Config and provenance of both runs; differing fields are highlighted</source>
        <translation>两个运行的配置和来源信息；不同的字段会突出显示</translation>
    </message>
    <message>
        <source>Metric drawn for both runs</source>
        <translation>为两个运行绘制的指标</translation>
    </message>
    <message>
        <source>&amp;Metric:</source>
        <translation>指标(&amp;M)：</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Run #%1</source>
        <translation>运行 #%1</translation>
    </message>
    <message>
        <source>Neither run has metrics</source>
        <translation>两个运行都没有指标</translation>
    </message>
    <message>
        <source>%1 by step</source>
        <translation>%1 随步数变化</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Run #%1: %2</source>
        <translation>运行 #%1：%2</translation>
    </message>
</context>
<context>
    <name>redit::gui::RunConfigDialog</name>
    <message>
        <source>New Run</source>
        <translation>新建运行</translation>
    </message>
    <message>
        <source>shown in lists</source>
        <translation>在列表中显示</translation>
    </message>
    <message>
        <source>Random seed of the run</source>
        <translation>运行的随机种子</translation>
    </message>
    <message>
        <source>cpu or cuda[:N]</source>
        <translation>cpu 或 cuda[:N]</translation>
    </message>
    <message>
        <source>&amp;Stage:</source>
        <translation>阶段(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>S&amp;eed:</source>
        <translation>种子(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Device:</source>
        <translation>设备(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>模型(&amp;M)：</translation>
    </message>
    <message>
        <source>D&amp;ataset:</source>
        <translation>数据集(&amp;A)：</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>&amp;Launch</source>
        <translation>启动(&amp;L)</translation>
    </message>
    <message>
        <source>No stage is registered; nothing can be run</source>
        <translation>没有已注册的阶段；无法运行任何内容</translation>
    </message>
    <message>
        <source>choose a model or type a model folder</source>
        <translation>选择模型或输入模型文件夹</translation>
    </message>
    <message>
        <source>The model the run loads: one of the project&apos;s models, or a model folder (config.json, *.safetensors, tokenizer.json) typed here</source>
        <translation>运行加载的模型：项目中的模型之一，或在此输入的模型文件夹（config.json、*.safetensors、tokenizer.json）</translation>
    </message>
    <message>
        <source>choose a dataset or type a dataset spec</source>
        <translation>选择数据集或输入数据集规格</translation>
    </message>
    <message>
        <source>The patterns the run uses: one of the project&apos;s datasets, or a dataset spec typed here (synthetic:deductive:level1, contexthub:FOLDER:deductive:level2, …)</source>
        <translation>运行使用的模式：项目中的数据集之一，或在此输入的数据集规格（synthetic:deductive:level1、contexthub:FOLDER:deductive:level2 等）</translation>
    </message>
    <message>
        <source>Choose the model the run loads</source>
        <translation>请选择运行加载的模型</translation>
    </message>
    <message>
        <source>Choose the dataset the run uses</source>
        <translation>请选择运行使用的数据集</translation>
    </message>
    <message>
        <source>The pipeline stage this run executes, or the whole method as linked runs</source>
        <translation>此运行执行的流水线阶段，或以链接运行执行完整方法</translation>
    </message>
    <message>
        <source>Whole method (every step, as linked runs)</source>
        <translation>完整方法（每一步，作为链接的运行）</translation>
    </message>
    <message>
        <source>Every step of the method on the chosen model and dataset, each with the Overview&apos;s defaults, as linked runs: %1. Each run is launched when the one before it has finished; a failed or cancelled run stops the chain. Each step&apos;s parameters can be changed by launching it on its own.</source>
        <translation>在所选模型和数据集上以链接的运行执行方法的每一步，各用概览的默认值：%1。每个运行在前一个完成后启动；失败或取消的运行会终止该链。要更改某一步的参数，请单独启动该步。</translation>
    </message>
</context>
<context>
    <name>redit::gui::RunDetailsView</name>
    <message>
        <source>C&amp;lone and Edit…</source>
        <translation>克隆并编辑(&amp;L)…</translation>
    </message>
    <message>
        <source>Open New Run with this run&apos;s configuration</source>
        <translation>以此运行的配置打开“新建运行”</translation>
    </message>
    <message>
        <source>Provenance</source>
        <translation>来源信息</translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
</context>
<context>
    <name>redit::gui::RunMemoryEstimate</name>
    <message>
        <source>training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>attribution</source>
        <translation>归因</translation>
    </message>
    <message>
        <source>inference</source>
        <translation>推理</translation>
    </message>
    <message>
        <source>Memory estimate for %1 (fp32, batch %2, length %3, %4): weights %5 + activations %6 = %7</source>
        <translation>%1 的内存估计（fp32，批大小 %2，长度 %3，%4）：权重 %5 + 激活 %6 = %7</translation>
    </message>
    <message>
        <source>No memory estimate: %1</source>
        <translation>无法估计内存：%1</translation>
    </message>
</context>
<context>
    <name>redit::gui::RunMonitor</name>
    <message>
        <source>Runs of this session: state, progress and estimated time left</source>
        <translation>本次会话的运行：状态、进度和预计剩余时间</translation>
    </message>
    <message>
        <source>&amp;Cancel run</source>
        <translation>取消运行(&amp;C)</translation>
    </message>
    <message>
        <source>Cancel the selected run (Del); asks first</source>
        <translation>取消选中的运行 (Del)；会先确认</translation>
    </message>
    <message>
        <source>Cancel run</source>
        <translation>取消运行</translation>
    </message>
    <message>
        <source>Stop the run “%1” now?</source>
        <translation>现在停止运行“%1”？</translation>
    </message>
    <message>
        <source>Filter runs by name or number</source>
        <translation>按名称或编号筛选运行</translation>
    </message>
    <message>
        <source>Show only the runs whose name or number contains this text</source>
        <translation>只显示名称或编号包含此文本的运行</translation>
    </message>
    <message>
        <source>Show only the runs in this state</source>
        <translation>只显示处于此状态的运行</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>所有状态</translation>
    </message>
</context>
<context>
    <name>redit::gui::RunMonitorModel</name>
    <message>
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>ETA</source>
        <translation>剩余时间</translation>
    </message>
</context>
<context>
    <name>redit::gui::RunTimeEstimate</name>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <source>Time: about %1, as run #%2 of this stage on the same model and dataset took</source>
        <translation>用时：约 %1（本阶段在相同模型和数据集上的运行 #%2 所用时间）</translation>
    </message>
    <message>
        <source>Time: about %1, as run #%2 of this stage on the same model (another dataset) took</source>
        <translation>用时：约 %1（本阶段在相同模型、另一数据集上的运行 #%2 所用时间）</translation>
    </message>
    <message>
        <source>Time: run #%2 of this stage took %1 on another model; this one may differ a lot</source>
        <translation>用时：本阶段的运行 #%2 在另一模型上用了 %1；本次可能相差很大</translation>
    </message>
</context>
<context>
    <name>redit::gui::RunWorkflow</name>
    <message>
        <source>Clone and Edit Run #%1</source>
        <translation>克隆并编辑运行 #%1</translation>
    </message>
    <message>
        <source>Launched run #%1</source>
        <translation>已启动运行 #%1</translation>
    </message>
    <message>
        <source>New run: %1</source>
        <translation>新建运行：%1</translation>
    </message>
    <message>
        <source>Run #%1</source>
        <translation>运行 #%1</translation>
    </message>
    <message>
        <source>Run details: %1</source>
        <translation>运行详情：%1</translation>
    </message>
    <message>
        <source>Run #%1: %2</source>
        <translation>运行 #%1：%2</translation>
    </message>
    <message>
        <source>Metric chart: %1</source>
        <translation>指标图表：%1</translation>
    </message>
    <message>
        <source>Circuit</source>
        <translation>电路</translation>
    </message>
    <message>
        <source>Pattern:</source>
        <translation>模式：</translation>
    </message>
    <message>
        <source>Run #%1: distances</source>
        <translation>运行 #%1：距离</translation>
    </message>
    <message>
        <source>Run #%1: interference</source>
        <translation>运行 #%1：干扰</translation>
    </message>
    <message>
        <source>Run results: %1</source>
        <translation>运行结果：%1</translation>
    </message>
    <message>
        <source>Run #%1: results</source>
        <translation>运行 #%1：结果</translation>
    </message>
    <message>
        <source>#%1 %2</source>
        <translation>#%1 %2</translation>
    </message>
    <message>
        <source>Compare %1 / %2</source>
        <translation>比较 %1 / %2</translation>
    </message>
    <message>
        <source>Compare circuits: %1</source>
        <translation>比较电路：%1</translation>
    </message>
    <message>
        <source>Compare runs: the project needs two runs</source>
        <translation>比较运行：项目中至少需要两个运行</translation>
    </message>
    <message>
        <source>Compare Runs</source>
        <translation>比较运行</translation>
    </message>
    <message>
        <source>Run &amp;A:</source>
        <translation>运行 A(&amp;A)：</translation>
    </message>
    <message>
        <source>Run &amp;B:</source>
        <translation>运行 B(&amp;B)：</translation>
    </message>
    <message>
        <source>Runs #%1 / #%2</source>
        <translation>运行 #%1 / #%2</translation>
    </message>
    <message>
        <source>Compare runs: %1</source>
        <translation>比较运行：%1</translation>
    </message>
    <message>
        <source>Project %1</source>
        <translation>项目 %1</translation>
    </message>
    <message>
        <source>The whole project</source>
        <translation>整个项目</translation>
    </message>
    <message>
        <source>Export Report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <source>Report of:</source>
        <translation>报告对象：</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <source>HTML report (*.html);;PDF report (*.pdf)</source>
        <translation>HTML 报告 (*.html);;PDF 报告 (*.pdf)</translation>
    </message>
    <message>
        <source>Wrote the report %1</source>
        <translation>已写出报告 %1</translation>
    </message>
    <message>
        <source>run #%1</source>
        <translation>运行 #%1</translation>
    </message>
    <message>
        <source>the project&apos;s compare runs</source>
        <translation>项目的比较运行</translation>
    </message>
    <message>
        <source>Project results</source>
        <translation>项目结果</translation>
    </message>
    <message>
        <source>Project results: %1</source>
        <translation>项目结果：%1</translation>
    </message>
    <message>
        <source>Results of %1: %2</source>
        <translation>%1的结果：%2</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>The results of %1 cannot be read:
%2</source>
        <translation>无法读取%1的结果：
%2</translation>
    </message>
    <message>
        <source>Loading the results of %1…</source>
        <translation>正在加载%1的结果…</translation>
    </message>
    <message>
        <source>Runs: %1</source>
        <translation>运行：%1</translation>
    </message>
    <message>
        <source>Whole method: launched run #%1 (%2)</source>
        <translation>完整方法：已启动运行 #%1（%2）</translation>
    </message>
    <message>
        <source>Launched sweep %1 (its cells are in the Sweeps pane)</source>
        <translation>已启动扫描 %1（其单元见“扫描”面板）</translation>
    </message>
    <message>
        <source>Select a run to plot its metrics</source>
        <translation>选择一个运行以绘制其指标</translation>
    </message>
    <message>
        <source>Run #%1 records no metrics per step</source>
        <translation>运行 #%1 没有按步记录的指标</translation>
    </message>
</context>
<context>
    <name>redit::gui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CUDA GPU</source>
        <translation>CUDA GPU</translation>
    </message>
    <message>
        <source>Where models run</source>
        <translation>模型运行的位置</translation>
    </message>
    <message>
        <source>Where models run (no CUDA device was found)</source>
        <translation>模型运行的位置（未找到 CUDA 设备）</translation>
    </message>
    <message>
        <source>Automatic (%1)</source>
        <translation>自动（%1）</translation>
    </message>
    <message>
        <source>CPU threads for computation; 0 uses one per core</source>
        <translation>用于计算的 CPU 线程数；0 表示每个核心一个</translation>
    </message>
    <message>
        <source>fp32 (exact)</source>
        <translation>fp32（精确）</translation>
    </message>
    <message>
        <source>bf16 (half the memory)</source>
        <translation>bf16（内存减半）</translation>
    </message>
    <message>
        <source>Number format of model weights and activations</source>
        <translation>模型权重和激活值的数值格式</translation>
    </message>
    <message>
        <source>Folder searched for model folders</source>
        <translation>用于查找模型文件夹的文件夹</translation>
    </message>
    <message>
        <source>Folder with the ContextHub data and other datasets</source>
        <translation>存放 ContextHub 数据及其他数据集的文件夹</translation>
    </message>
    <message>
        <source>Language of the workbench; applied when it is next started</source>
        <translation>工作台的语言；下次启动时生效</translation>
    </message>
    <message>
        <source>&amp;Device:</source>
        <translation>设备(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Threads:</source>
        <translation>线程(&amp;T)：</translation>
    </message>
    <message>
        <source>D&amp;type:</source>
        <translation>数据类型(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Models folder:</source>
        <translation>模型文件夹(&amp;M)：</translation>
    </message>
    <message>
        <source>D&amp;ata folder:</source>
        <translation>数据文件夹(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>A new language is applied when the workbench is next started.</source>
        <translation>新的语言将在工作台下次启动时生效。</translation>
    </message>
    <message>
        <source>Choose the folder</source>
        <translation>选择文件夹</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>选择一个文件夹</translation>
    </message>
    <message>
        <source>A comparison&apos;s (method, seed) chunks run side by side in this many processes, the threads shared among them; 1 runs them one after the other. On a small model two processes on two cores finish about twice as fast. Applies to the next run.</source>
        <translation>一次比较的（方法，种子）分块在这么多个进程中并行运行，线程在它们之间分配；1 表示依次运行。在小模型上，两个核心上的两个进程大约快一倍。对下一次运行生效。</translation>
    </message>
    <message>
        <source>Side-by-side &amp;processes:</source>
        <translation>并行进程数(&amp;P)：</translation>
    </message>
</context>
<context>
    <name>redit::gui::StageFields</name>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Instances</source>
        <translation>实例</translation>
    </message>
    <message>
        <source>Split seed</source>
        <translation>划分种子</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>CPU threads</source>
        <translation>CPU 线程数</translation>
    </message>
    <message>
        <source>Patterns per checkpoint</source>
        <translation>每个检查点的模式数</translation>
    </message>
    <message>
        <source>Output folder</source>
        <translation>输出文件夹</translation>
    </message>
    <message>
        <source>Granularity</source>
        <translation>粒度</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>Meta-iterations</source>
        <translation>元迭代次数</translation>
    </message>
    <message>
        <source>Tasks per iteration</source>
        <translation>每次迭代的任务数</translation>
    </message>
    <message>
        <source>Anchors per task</source>
        <translation>每个任务的锚点数</translation>
    </message>
    <message>
        <source>Negatives per anchor</source>
        <translation>每个锚点的负例数</translation>
    </message>
    <message>
        <source>Inner steps per task</source>
        <translation>每个任务的内层步数</translation>
    </message>
    <message>
        <source>Inner learning rate</source>
        <translation>内层学习率</translation>
    </message>
    <message>
        <source>Outer learning rate</source>
        <translation>外层学习率</translation>
    </message>
    <message>
        <source>Meta-learning</source>
        <translation>元学习</translation>
    </message>
    <message>
        <source>Null-space protection</source>
        <translation>零空间保护</translation>
    </message>
    <message>
        <source>Projection strength</source>
        <translation>投影强度</translation>
    </message>
    <message>
        <source>Prediction preservation</source>
        <translation>预测保持</translation>
    </message>
    <message>
        <source>KL weight</source>
        <translation>KL 权重</translation>
    </message>
    <message>
        <source>Preserved prompts per step</source>
        <translation>每步保持的提示数</translation>
    </message>
    <message>
        <source>Trained parameters</source>
        <translation>训练的参数</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>Seeds</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Methods</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Held-out patterns</source>
        <translation>留出的模式</translation>
    </message>
    <message>
        <source>Evaluation batch size</source>
        <translation>评估批大小</translation>
    </message>
    <message>
        <source>LoRA steps per edit</source>
        <translation>每次编辑的 LoRA 步数</translation>
    </message>
    <message>
        <source>LoRA learning rate</source>
        <translation>LoRA 学习率</translation>
    </message>
    <message>
        <source>LoRA rank</source>
        <translation>LoRA 秩</translation>
    </message>
    <message>
        <source>Edit protocol</source>
        <translation>编辑协议</translation>
    </message>
    <message>
        <source>Edited MLP layer</source>
        <translation>编辑的 MLP 层</translation>
    </message>
    <message>
        <source>Target-value steps</source>
        <translation>目标值优化步数</translation>
    </message>
    <message>
        <source>Target-value learning rate</source>
        <translation>目标值学习率</translation>
    </message>
    <message>
        <source>Target-value weight decay</source>
        <translation>目标值权重衰减</translation>
    </message>
    <message>
        <source>Target-value clamp</source>
        <translation>目标值截断</translation>
    </message>
    <message>
        <source>Covariance ridge</source>
        <translation>协方差岭项</translation>
    </message>
    <message>
        <source>Null-space threshold</source>
        <translation>零空间阈值</translation>
    </message>
    <message>
        <source>Key dataset</source>
        <translation>键数据集</translation>
    </message>
    <message>
        <source>Reshaping options</source>
        <translation>重塑选项</translation>
    </message>
    <message>
        <source>Model name</source>
        <translation>模型名称</translation>
    </message>
    <message>
        <source>Checkpoint every</source>
        <translation>检查点间隔</translation>
    </message>
    <message>
        <source>Corpus seed</source>
        <translation>语料种子</translation>
    </message>
    <message>
        <source>Level-1 examples per pattern</source>
        <translation>每个模式的 1 级样例数</translation>
    </message>
    <message>
        <source>Level-2 examples per pattern</source>
        <translation>每个模式的 2 级样例数</translation>
    </message>
    <message>
        <source>Under-sampled rules</source>
        <translation>欠采样规则</translation>
    </message>
    <message>
        <source>Under-sample rate</source>
        <translation>欠采样比例</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>层数</translation>
    </message>
    <message>
        <source>Hidden size</source>
        <translation>隐藏维度</translation>
    </message>
    <message>
        <source>Attention heads</source>
        <translation>注意力头数</translation>
    </message>
    <message>
        <source>Key/value heads</source>
        <translation>键/值头数</translation>
    </message>
    <message>
        <source>MLP size</source>
        <translation>MLP 维度</translation>
    </message>
    <message>
        <source>Training steps</source>
        <translation>训练步数</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Weight decay</source>
        <translation>权重衰减</translation>
    </message>
    <message>
        <source>Warm-up fraction</source>
        <translation>预热比例</translation>
    </message>
    <message>
        <source>Training seed</source>
        <translation>训练种子</translation>
    </message>
    <message>
        <source>Initialisation seed</source>
        <translation>初始化种子</translation>
    </message>
    <message>
        <source>Initialisation std</source>
        <translation>初始化标准差</translation>
    </message>
    <message>
        <source>Pairs per pattern</source>
        <translation>每个模式的样本对数</translation>
    </message>
    <message>
        <source>Integrated-gradient steps</source>
        <translation>积分梯度步数</translation>
    </message>
    <message>
        <source>Memory budget per batch</source>
        <translation>每批内存预算</translation>
    </message>
    <message>
        <source>Edge budgets</source>
        <translation>边预算</translation>
    </message>
    <message>
        <source>Circuits run</source>
        <translation>电路运行</translation>
    </message>
    <message>
        <source>Distances run</source>
        <translation>距离运行</translation>
    </message>
    <message>
        <source>Interference run</source>
        <translation>干扰运行</translation>
    </message>
    <message>
        <source>Reference filter</source>
        <translation>参考过滤</translation>
    </message>
    <message>
        <source>Sliding window</source>
        <translation>滑动窗口</translation>
    </message>
    <message>
        <source>prompts</source>
        <translation>个提示</translation>
    </message>
    <message>
        <source>threads</source>
        <translation>个线程</translation>
    </message>
    <message>
        <source>patterns</source>
        <translation>个模式</translation>
    </message>
    <message>
        <source>iterations</source>
        <translation>次迭代</translation>
    </message>
    <message>
        <source>tasks</source>
        <translation>个任务</translation>
    </message>
    <message>
        <source>anchors</source>
        <translation>个锚点</translation>
    </message>
    <message>
        <source>negatives</source>
        <translation>个负例</translation>
    </message>
    <message>
        <source>steps</source>
        <translation>步</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>examples</source>
        <translation>个样例</translation>
    </message>
    <message>
        <source>layers</source>
        <translation>层</translation>
    </message>
    <message>
        <source>units</source>
        <translation>单元</translation>
    </message>
    <message>
        <source>heads</source>
        <translation>个头</translation>
    </message>
    <message>
        <source>pairs</source>
        <translation>对</translation>
    </message>
    <message>
        <source>MiB</source>
        <translation>MiB</translation>
    </message>
    <message>
        <source>fraction of edges</source>
        <translation>边的比例</translation>
    </message>
    <message>
        <source>run id</source>
        <translation>运行编号</translation>
    </message>
    <message>
        <source>points</source>
        <translation>个点</translation>
    </message>
    <message>
        <source>LoRA layers</source>
        <translation>LoRA 层</translation>
    </message>
    <message>
        <source>Pairs differentiated at once</source>
        <translation>每次求导的提示对数</translation>
    </message>
    <message>
        <source>KL over</source>
        <translation>KL 范围</translation>
    </message>
    <message>
        <source>Keep reshaped models</source>
        <translation>保存重塑后的模型</translation>
    </message>
</context>
<context>
    <name>redit::gui::StoreProjectController</name>
    <message numerus="yes">
        <source>%n run(s) are still queued or running; wait for them or cancel them first</source>
        <translation>
            <numerusform>%n 个运行仍在排队或运行中；请等待它们结束或先取消它们</numerusform>
        </translation>
    </message>
    <message>
        <source>No project is open</source>
        <translation>没有打开的项目</translation>
    </message>
    <message>
        <source>%1 is read-only: opened for browsing, runs cannot be started</source>
        <translation>%1 是只读的：已以浏览方式打开，无法启动运行</translation>
    </message>
    <message>
        <source>Run %1 %2</source>
        <translation>运行 %1 %2</translation>
    </message>
    <message>
        <source>Run %1 failed: %2</source>
        <translation>运行 %1 失败：%2</translation>
    </message>
    <message>
        <source>Queued run %1 (%2)</source>
        <translation>已将运行 %1（%2）加入队列</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Code version</source>
        <translation>代码版本</translation>
    </message>
    <message>
        <source>Library versions</source>
        <translation>库版本</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <source>Elapsed</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
</context>
<context>
    <name>redit::gui::SweepMonitor</name>
    <message>
        <source>Slurm cluster</source>
        <translation>Slurm 集群</translation>
    </message>
    <message numerus="yes">
        <source>this machine, %n process(es)</source>
        <translation>
            <numerusform>本机，%n 个进程</numerusform>
        </translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <source>%1 done, %2 running, %3 pending, %4 failed</source>
        <translation>%1 已完成，%2 运行中，%3 等待中，%4 失败</translation>
    </message>
    <message>
        <source>&amp;Collect Finished Cells</source>
        <translation>收集已完成的单元(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Resume Stopped Cells</source>
        <translation>继续已停止的单元(&amp;R)</translation>
    </message>
    <message>
        <source>Sweep / cell</source>
        <translation>扫描 / 单元</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Slurm job</source>
        <translation>Slurm 作业</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>Merge the selected sweep&apos;s finished cells into this project (as often as you like: cells merged before are skipped); the Results views then include them</source>
        <translation>将所选扫描中已完成的单元合并到本项目（可随时重复：此前合并过的单元会被跳过）；结果视图随后会包含它们</translation>
    </message>
    <message>
        <source>Run the selected sweep&apos;s failed or stopped cells again from their checkpoints, where the sweep was launched</source>
        <translation>在扫描启动的位置，从检查点重新运行所选扫描中失败或已停止的单元</translation>
    </message>
    <message>
        <source>cell %1: %2</source>
        <translation>单元 %1：%2</translation>
    </message>
    <message>
        <source>%1, collected</source>
        <translation>%1，已收集</translation>
    </message>
    <message>
        <source>Its runs are in this project</source>
        <translation>它的运行已在本项目中</translation>
    </message>
</context>
<context>
    <name>redit::gui::SweepOptions</name>
    <message>
        <source>this project (one run)</source>
        <translation>本项目（一个运行）</translation>
    </message>
    <message>
        <source>this machine (a sweep)</source>
        <translation>本机（扫描）</translation>
    </message>
    <message>
        <source>Slurm cluster (a sweep)</source>
        <translation>Slurm 集群（扫描）</translation>
    </message>
    <message>
        <source>One run queued in this project, or a sweep: one run per cell, each in its own project file, collected into this project from the Sweeps pane (docs/cluster.md)</source>
        <translation>在本项目中排队一个运行，或进行扫描：每个单元一个运行，各自写入单独的项目文件，再从“扫描”面板收集到本项目（docs/cluster.md）</translation>
    </message>
    <message>
        <source>e.g. 0, 1, 2 or 0-4</source>
        <translation>例如 0, 1, 2 或 0-4</translation>
    </message>
    <message>
        <source>One cell per seed; the Results view shows the mean and spread over them</source>
        <translation>每个种子一个单元；结果视图显示它们的均值与离散程度</translation>
    </message>
    <message>
        <source>optional, e.g. params.lora_lr = 0.001, 0.01</source>
        <translation>可选，例如 params.lora_lr = 0.001, 0.01</translation>
    </message>
    <message>
        <source>A key of the run config and its values; every seed runs with every value</source>
        <translation>运行配置中的一个键及其取值；每个种子都会与每个取值组合运行</translation>
    </message>
    <message>
        <source>Cells run at once on this machine; the cores are shared among them</source>
        <translation>本机上同时运行的单元数；它们共享 CPU 核心</translation>
    </message>
    <message>
        <source>site.json: partition, account, qos, preamble (optional)</source>
        <translation>site.json：分区、账户、QoS、前导命令（可选）</translation>
    </message>
    <message>
        <source>The cluster&apos;s site config (docs/cluster.md); empty: the cluster&apos;s defaults</source>
        <translation>集群的站点配置（docs/cluster.md）；留空：使用集群默认值</translation>
    </message>
    <message>
        <source>Run &amp;on:</source>
        <translation>运行位置(&amp;O)：</translation>
    </message>
    <message>
        <source>Sweep see&amp;ds:</source>
        <translation>扫描种子(&amp;D)：</translation>
    </message>
    <message>
        <source>Other a&amp;xis:</source>
        <translation>其他轴(&amp;X)：</translation>
    </message>
    <message>
        <source>&amp;Processes:</source>
        <translation>进程数(&amp;P)：</translation>
    </message>
    <message>
        <source>Site &amp;config:</source>
        <translation>站点配置(&amp;C)：</translation>
    </message>
    <message>
        <source>%1 cells, each one run in its own project file; collect them into this project from the Sweeps pane</source>
        <translation>%1 个单元，每个单元一个运行，各自写入单独的项目文件；请从“扫描”面板将它们收集到本项目</translation>
    </message>
</context>
<context>
    <name>redit::gui::SweepWorkflow</name>
    <message>
        <source>Collect: %1</source>
        <translation>收集：%1</translation>
    </message>
    <message>
        <source>Resumed the stopped cells of %1 (output in %2)</source>
        <translation>已继续 %1 中已停止的单元（输出见 %2）</translation>
    </message>
    <message>
        <source>Resume: %1</source>
        <translation>继续：%1</translation>
    </message>
</context>
</TS>
