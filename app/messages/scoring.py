"""The names and descriptions of the maturity levels of each scoring model (zh, en).

A result carries the texts of the model that gave it, so an old result keeps its old names.
"""

# Model 1 (until 2026-12): in the manner of the ISO 9004 self-assessment scale.
_MODEL_1 = {
    1: {
        "label": {"zh": "初始级", "en": "Initial"},
        "description": {
            "zh": (
                "质量工作处于自发状态：关注点主要是产品、出资人和个别顾客，问题发生后才被动处理，"
                "管理以自上而下的指令为主；缺乏系统方法和可证实的结果，资源临时调配。建议从基础做"
                "起：明确质量责任，满足法律法规和顾客要求，并开始记录和分析质量数据。"
            ),
            "en": (
                "Quality is managed ad hoc: attention goes to products, owners and a few "
                "customers, problems are handled after they occur and instructions come from the "
                "top. There is no systematic approach and little evidence of results, and "
                "resources are assigned as needs arise. Start with the basics: make someone "
                "responsible for quality, meet legal and customer requirements, and begin "
                "recording and analysing quality data."
            ),
        },
    },
    2: {
        "label": {"zh": "被动应对级", "en": "Reactive"},
        "description": {
            "zh": (
                "已建立以纠正问题为主的基本做法：能关注顾客要求和法律法规要求，部分过程有规范，各"
                "级管理者分别决策，但总体仍以事后应对为主，可用于改进的数据有限。下一步应识别并规"
                "范关键过程，设定质量目标并定期评审。"
            ),
            "en": (
                "A basic approach built on correcting problems is in place: customer and legal "
                "requirements are addressed, some processes are structured and managers decide "
                "at several levels, but action is still mostly reactive and there is little data "
                "to improve on. Next, define and document the key processes, set quality "
                "objectives and review them regularly."
            ),
        },
    },
    3: {
        "label": {"zh": "体系稳定级", "en": "Stable formal system"},
        "description": {
            "zh": (
                "已建立并有效运行正式的、基于过程的管理体系：过程得到明确定义，职权适当授权，兼顾"
                "员工和部分相关方的需求，资源得到有效管理；结果较为稳定，开始呈现改进趋势。下一步"
                "应系统地用数据驱动改进，并扩大全员参与。"
            ),
            "en": (
                "A formal, process-based management system is in place and working: processes "
                "are defined, authority is delegated, the needs of staff and some other "
                "interested parties are considered and resources are managed efficiently. "
                "Results are consistent and first improvement trends show. Next, use data "
                "systematically to drive improvement and involve more of the workforce."
            ),
        },
    },
    4: {
        "label": {"zh": "持续改进级", "en": "Continual improvement"},
        "description": {
            "zh": (
                "持续改进已成为常态：平衡已识别相关方的需求，员工广泛参与决策，依据测量数据改进过"
                "程，资源使用高效并考虑其稀缺性；良好结果得以保持，并与同行比较。下一步应对标行业"
                "最佳，推动创新，建设学习型组织。"
            ),
            "en": (
                "Improvement is routine: the needs of the identified interested parties are "
                "balanced, staff take a large part in decisions, processes are improved on "
                "measured data and resources are used efficiently with their scarcity in mind. "
                "Good results are sustained and compared with peers. Next, benchmark against the "
                "best in class, innovate and build learning into the organisation."
            ),
        },
    },
    5: {
        "label": {"zh": "卓越领先级", "en": "Best in class"},
        "description": {
            "zh": (
                "以行业最佳绩效为目标并已基本实现：能预见新出现相关方的需求，领导方式积极主动、重"
                "视学习，各层级员工充分授权，资源规划可持续；结果优良、持续向好并优于标杆。建议保"
                "持并分享经验（如质量标杆交流、申报质量奖），定期评审战略。"
            ),
            "en": (
                "Best-in-class performance is the objective and largely achieved: the needs of "
                "emerging interested parties are anticipated, leadership is proactive and "
                "learning-oriented, people are empowered at every level and resources are "
                "planned sustainably. Results are strong, trending upwards and better than "
                "benchmarks. Keep it up, share the methods (quality benchmarking exchanges, "
                "quality award applications) and review the strategy regularly."
            ),
        },
    },
}


# Model 2: 自评成熟度第1～5级（起步/基础/规范/改进/标杆）. No name borrows 卓越, which belongs to
# 卓越绩效 and the government quality awards; every description says what the answers showed.
_MODEL_2 = {
    1: {
        "label": {"zh": "起步", "en": "Starting"},
        "description": {
            "zh": (
                "多数做法尚未建立，或只凭个人经验、零散进行，问题发生后才被动处理。建议从基础做起："
                "明确质量责任，满足法律法规和顾客要求，并开始记录质量数据。"
            ),
            "en": (
                "Most practices are not yet in place, or depend on individuals and happen now and "
                "then; problems are handled after they occur. Start with the basics: make someone "
                "responsible for quality, meet legal and customer requirements, and begin "
                "recording quality data."
            ),
        },
    },
    2: {
        "label": {"zh": "基础", "en": "Foundation"},
        "description": {
            "zh": (
                "已有基本做法，部分形成了书面规定，但尚未普遍落实，缺少运行记录作为证据。下一步："
                "把已经写成文件的制度落实到日常工作中，并保留执行记录。"
            ),
            "en": (
                "Basic practices exist and some are written down, but they are not yet applied "
                "throughout and there is little record of them working. Next, put the written "
                "rules into daily practice and keep records that show it."
            ),
        },
    },
    3: {
        "label": {"zh": "规范", "en": "Standardised"},
        "description": {
            "zh": (
                "多数做法已形成文件并落实，有运行记录作为证据，各方面均已打下基础；但用测量数据推动"
                "改进还不普遍。下一步：设定可测量的目标，定期用数据评审并改进。"
            ),
            "en": (
                "Most practices are documented and applied, with records to show it, and no area "
                "is left at the start; improvement driven by measured data is not yet the rule. "
                "Next, set measurable objectives and review and improve on the data regularly."
            ),
        },
    },
    4: {
        "label": {"zh": "改进", "en": "Improving"},
        "description": {
            "zh": (
                "做法普遍落实，并在多数方面有测量数据证明的持续改进，各方面均达到规范水平。下一步："
                "使抽查、事故、信用和关键质量指标等结果全部达到并保持同行先进水平。"
            ),
            "en": (
                "Practices are applied throughout and most show continual improvement backed by "
                "measured data; every area is at least standardised. Next, bring every result "
                "(spot checks, accidents, credit, key quality figures) to the level of the best "
                "peers and keep it there."
            ),
        },
    },
    5: {
        "label": {"zh": "标杆", "en": "Benchmark"},
        "description": {
            "zh": (
                "在第4级基础上，各方面均达到改进水平，所有适用的结果和对比题均选择了最高一档，且没有"
                "红线问题。这是企业自评的结果，不是政府部门的认定、评级或奖项。建议保持并分享经验，"
                "定期评审战略。"
            ),
            "en": (
                "Level 4 in every area, the top answer on every applicable result and comparison "
                "question, and no red line. This is the enterprise's own assessment, not a "
                "finding, rating or award of any authority. Keep it up, share the methods and "
                "review the strategy regularly."
            ),
        },
    },
}

LEVEL_TEXTS = {1: _MODEL_1, 2: _MODEL_2}
# The range of model 2's level 5 on the report's scale: not a number but a gate.
LEVEL_5_GATE = {"zh": "第4级＋结果门槛", "en": "level 4 + results gate"}
