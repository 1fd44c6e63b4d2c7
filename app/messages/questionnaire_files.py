"""What a questionnaire file's problems say in Chinese (app/questionnaires/problem_texts.py).

The loader writes its problems in English for the CLI and the logs. For the administrator's
console each English message is matched here, in order, and rewritten in Chinese with the
same values; a message no pattern matches is shown as written.
"""

# English message (a regular expression, matched whole) → the Chinese text, same named values.
FILE_PROBLEMS_ZH = (
    (
        r"duplicate key (?P<k>.+) \(line (?P<l>\d+), column (?P<c>\d+)\)",
        "同一映射中键 {k} 出现两次（第 {l} 行第 {c} 列）",
    ),
    (
        r"(?P<p>.+) \(line (?P<l>\d+), column (?P<c>\d+)\)",
        "YAML 语法错误（第 {l} 行第 {c} 列）：{p}",
    ),
    (r"cannot be read: (?P<e>.+)", "无法读取文件：{e}"),
    (r"nests too deeply", "嵌套层次过深"),
    (
        r"unknown format version (?P<v>.+); this loader reads (?P<n>.+)",
        "未知的格式版本 {v}；本系统读取第 {n} 版格式",
    ),
    (r"must be a mapping, got (?P<kind>.+)", "须为映射（键: 值），实际为 {kind}"),
    (r"must be a mapping, one of (?P<forms>.+)", "须为映射，取以下形式之一：{forms}"),
    (r"missing", "缺少此项"),
    (r"unknown field; expected one of: (?P<known>.+)", "未知字段；可用字段：{known}"),
    (
        r"must be a string matching \[a-z\]\[a-z0-9_\]\*, got (?P<v>.+): quote it",
        "须为以小写字母开头、由小写字母、数字和下划线组成的字符串，实际为 {v}：请加引号",
    ),
    (
        r"must match \[a-z\]\[a-z0-9_\]\*, got (?P<v>.+)",
        "须以小写字母开头，只含小写字母、数字和下划线，实际为 {v}",
    ),
    (r"must be non-empty text", "须为非空文字"),
    (r"must be a number, got (?P<v>.+)", "须为数字，实际为 {v}"),
    (r"must be a whole number, got (?P<v>.+)", "须为整数，实际为 {v}"),
    (r"must be greater than 0, got (?P<v>.+)", "须大于 0，实际为 {v}"),
    (r"must be at least min \((?P<m>.+)\), got (?P<v>.+)", "不能小于 min（{m}），实际为 {v}"),
    (r"must be at least (?P<m>\S+), got (?P<v>.+)", "不能小于 {m}，实际为 {v}"),
    (r"must be at most (?P<m>\S+), got (?P<v>.+)", "不能大于 {m}，实际为 {v}"),
    (r"must be true or false, got (?P<v>.+)", "须为 true 或 false，实际为 {v}"),
    (r"unknown kind (?P<v>.+); expected one of (?P<known>.+)", "未知的题目类别 {v}；可选：{known}"),
    (
        r"a (?P<kind>\S+) question must be scored: its weight is 0",
        "{kind} 类题目须计分，但其权重为 0",
    ),
    (
        r"must be a non-empty list of plan clauses such as \[一（四）\]",
        "须为非空的计划条款列表，如 [一（四）]",
    ),
    (
        r"(?P<c>.+) is not a clause id like 一（四） \(full-width brackets\)",
        "{c} 不是形如 一（四） 的条款编号（须用全角括号）",
    ),
    (r"(?P<c>.+) is not a clause of the plan", "{c} 不是计划中的条款"),
    (r"(?P<c>.+) is listed twice", "{c} 重复列出"),
    (
        r"must be a non-empty list of departments as the plan prints them",
        "须为非空的部门列表，按计划原文书写",
    ),
    (
        r"(?P<n>.+) is not named as responsible for (?P<c>.+) in the plan",
        "计划 {c} 的责任部门中没有 {n}",
    ),
    (
        r"(?P<n>.+) is a coordinating group, not a department; name the department",
        "{n} 是协调机构而非部门，请写明具体部门",
    ),
    (
        r"unknown department (?P<n>.+): write it as the plan prints it; did you mean (?P<h>.+)\?",
        "未知部门 {n}：请按计划原文书写；是否指 {h}？",
    ),
    (
        r"unknown department (?P<n>.+): write it as the plan prints it",
        "未知部门 {n}：请按计划原文书写",
    ),
    (
        r"must be a non-empty list of \{key, title, questions\}",
        "须为非空列表，每项包含 key、title、questions",
    ),
    (
        r"must be a non-empty list of \{key, title, weight\}",
        "须为非空列表，每项包含 key、title、weight",
    ),
    (
        r"must be a non-empty list of \{min, max, points\}",
        "须为非空列表，每项包含 min、max、points",
    ),
    (r"weights must add up to 100, got (?P<t>.+)", "各维度权重之和须为 100，实际为 {t}"),
    (r"duplicate dimension key (?P<k>.+)", "维度标识 {k} 重复"),
    (
        r"no scored question \(weight > 0\) belongs to this dimension",
        "该维度下没有计分题（权重大于 0）",
    ),
    (r"duplicate section key (?P<k>.+)", "部分标识 {k} 重复"),
    (r"must be a non-empty list of questions", "须为非空的题目列表"),
    (r"duplicate question id (?P<id>.+)", "题目编号 {id} 重复"),
    (r"unknown type (?P<t>.+); expected one of (?P<known>.+)", "未知题型 {t}；可选：{known}"),
    (r"unknown dimension (?P<d>.+); expected one of (?P<known>.+)", "未知维度 {d}；可选：{known}"),
    (r"a text question is not scored: its weight must be 0", "文字题不计分，权重须为 0"),
    (
        r"missing: a scored question \(weight > 0\) needs a dimension",
        "缺少维度：计分题（权重大于 0）须指定所属维度",
    ),
    (
        r"(?P<of>.+) comes later in the file; a rate may only use an earlier answer",
        "{of} 在文件中位于本题之后；比率只能使用前面题目的答案",
    ),
    (r"(?P<of>\S+) is a (?P<t>\S+) question, not a number", "{of} 是 {t} 题，不是数字题"),
    (r"must be a list of at least two options", "须为至少含两个选项的列表"),
    (r"duplicate option id (?P<id>.+)", "选项编号 {id} 重复"),
    (
        r"a not-applicable option must have points 0, no recommendation and no red flag",
        "“不适用”选项须为 0 分，且不能带建议或红线",
    ),
    (r"an option with a red flag must score 0", "带红线的选项须为 0 分"),
    (r"at most one option may be not_applicable", "最多只能有一个“不适用”选项"),
    (r"a scored question needs a maximum above 0", "计分题的满分须大于 0"),
    (
        r"the lowest option must score 0 \(the scale starts at zero\)",
        "最低的选项须为 0 分（分值从 0 起）",
    ),
    (
        r"the lowest band must score 0 \(the scale starts at zero\)",
        "最低的区间须为 0 分（分值从 0 起）",
    ),
    (r"a scored question needs a band with points above 0", "计分题须至少有一个分值大于 0 的区间"),
    (
        r"(?P<m>\S+) cannot be reached by the options \(at most (?P<a>.+)\)",
        "选项无法达到 {m} 分（最多 {a} 分）",
    ),
    (r"never shown: the question has weight 0", "不会显示：该题权重为 0"),
    (r"never shown: the option already scores the maximum", "不会显示：该选项已是满分"),
    (r"never shown: the band already scores the maximum", "不会显示：该区间已是满分"),
    (
        r"missing: the band scores (?P<p>\S+), below the maximum (?P<m>.+)",
        "缺少建议：该区间 {p} 分，低于满分 {m}",
    ),
    (
        r"missing: the option scores (?P<p>\S+), below the maximum (?P<m>.+)",
        "缺少建议：该选项 {p} 分，低于满分 {m}",
    ),
    (
        r"missing: one recommendation for each gap \((?P<g>.+)\)",
        "缺少建议：每个差距（{g}）各需一条",
    ),
    (r"(?P<r>.+) is not an earlier whole-number question", "{r} 不是本题之前的整数题"),
    (r"must be a non-empty list of conditions", "须为非空的条件列表"),
    (r"unknown condition (?P<k>.+); expected one of (?P<f>.+)", "未知条件 {k}；可用形式：{f}"),
    (r"refers to unknown question (?P<q>.+)", "引用了不存在的题目 {q}"),
    (
        r"refers to (?P<q>\S+), which does not come before this question",
        "引用的题目 {q} 不在本题之前",
    ),
    (
        r"refers to unknown profile field (?P<n>.+); known: (?P<k>.+)",
        "引用了不存在的企业基本情况字段 {n}；可用：{k}",
    ),
    (
        r"needs a (?P<w>\S+) question, but (?P<q>\S+) is (?P<t>\S+)",
        "该运算只适用于 {w} 题，但 {q} 是 {t} 题",
    ),
    (
        r"needs a (?P<w>\S+) profile field, but (?P<q>\S+) is (?P<t>\S+)",
        "该运算只适用于 {w} 类型的企业基本情况字段，但 {q} 是 {t} 类型",
    ),
    (r"must be a non-empty list of (?P<what>.+)", "须为非空列表：{what}"),
    (r"(?P<i>.+) is not one of the (?P<what>.+)", "{i} 不在范围内：{what}"),
    (r"only the last band may be open-ended \(null\)", "只有最后一个区间可以不设上限（null）"),
    (r"overlaps (?P<b>\S+) \(which ends at (?P<e>.+)\)", "与 {b} 重叠（该区间止于 {e}）"),
    (r"leaves a gap after (?P<b>\S+): should be (?P<s>.+)", "与 {b} 之间有空缺：应为 {s}"),
    (
        r"must be the question's max \((?P<w>.+)\) so that the bands cover \[min, max\]",
        "须等于本题的 max（{w}），使各区间覆盖 [min, max]",
    ),
    (
        r"must be (?P<w>.+) so that the bands cover \[min, max\]",
        "须为 {w}，使各区间覆盖 [min, max]",
    ),
    (
        r"must be 0 for a rate \(per\): the bands start at a rate of 0, got (?P<v>.+)",
        "比率题（per）须为 0：区间从比率 0 起，实际为 {v}",
    ),
)
