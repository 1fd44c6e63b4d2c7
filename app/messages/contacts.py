"""Whom a recommendation sends the enterprise to: bodies' names, their remits, contact levels.

Which body serves which function, and how sure we are of each name, is in
app/questionnaires/contact_table.py; docs/coverage.md ("Contacts") gives the sources.
"""

# The enterprise's own county-level bureau, built from its registration code's division.
LOCAL_BUREAU = {"zh": "{place}市场监督管理局", "en": "{place} Administration for Market Regulation"}
LOCAL_WHY = {
    "zh": "属地市场监管部门：咨询政策、办理许可和登记、申请质量技术帮扶，先找这里",
    "en": "Your local market regulator: ask here first about rules, licences and registration, "
    "and for quality and technical support",
}
CITY_WHY = {
    "zh": "所在市的市场监管部门：未能确定属地县（市、区）时的联系窗口",
    "en": "Your city's market regulator: the contact when the county-level bureau is not known",
}

CONTACT_LEVELS = {
    "county": {"zh": "属地", "en": "Local"},
    "city": {"zh": "市级", "en": "City"},
    "province": {"zh": "省级", "en": "Province"},
    "national": {"zh": "国家", "en": "National"},
    "support": {"zh": "服务机构", "en": "Support"},
}

BODY_NAMES = {
    "amr": {"zh": "河北省市场监督管理局", "en": "Hebei Administration for Market Regulation"},
    "ipa": {"zh": "河北省知识产权局", "en": "Hebei Intellectual Property Administration"},
    "cnipa_tm": {
        "zh": "国家知识产权局商标局",
        "en": "CNIPA Trademark Office",
    },
    "drc": {"zh": "河北省发展和改革委员会", "en": "Hebei Development and Reform Commission"},
    "miit": {
        "zh": "河北省工业和信息化厅",
        "en": "Hebei Department of Industry and Information Technology",
    },
    "commerce": {"zh": "河北省商务厅", "en": "Hebei Department of Commerce"},
    "agri": {"zh": "河北省农业农村厅", "en": "Hebei Department of Agriculture and Rural Affairs"},
    "eco": {"zh": "河北省生态环境厅", "en": "Hebei Department of Ecology and Environment"},
    "hrss": {
        "zh": "河北省人力资源和社会保障厅",
        "en": "Hebei Department of Human Resources and Social Security",
    },
    "sci": {"zh": "河北省科学技术厅", "en": "Hebei Department of Science and Technology"},
    "sasac": {
        "zh": "河北省人民政府国有资产监督管理委员会",
        "en": "State-owned Assets Supervision and Administration Commission of Hebei",
    },
    "customs": {"zh": "石家庄海关", "en": "Shijiazhuang Customs"},
    "transport": {"zh": "河北省交通运输厅", "en": "Hebei Department of Transport"},
    "quality_assoc": {"zh": "河北省质量协会", "en": "Hebei Quality Association"},
    "std_institute": {"zh": "河北省标准化研究院", "en": "Hebei Institute of Standardization"},
    "metrology_institute": {
        "zh": "河北省计量监督检测研究院",
        "en": "Hebei Institute of Metrology Supervision and Testing",
    },
    "product_institute": {
        "zh": "河北省产品质量监督检验研究院",
        "en": "Hebei Product Quality Supervision and Inspection Institute",
    },
    "se_institute": {
        "zh": "河北省特种设备监督检验研究院",
        "en": "Hebei Special Equipment Supervision and Inspection Institute",
    },
    "one_stop": {
        "zh": "所在地质量基础设施“一站式”服务站",
        "en": "Local one-stop quality service station",
    },
    "ip_centre": {
        "zh": "所在地知识产权保护中心或快速维权中心",
        "en": "Local IP protection centre",
    },
    "tm_station": {
        "zh": "所在地商标品牌指导站",
        "en": "Local trademark guidance station",
    },
}

# Between two remits of one body named for the same recommendation.
REMIT_SEPARATOR = {"zh": "；", "en": "; "}

# What a support body does for an SME, said once for every recommendation it appears on.
SUPPORT_WHY = {
    "quality_assoc": {
        "zh": "组织质量管理小组、质量信得过班组和卓越绩效活动，受理登记和成果发表",
        "en": "Runs QC circles, trusted-quality teams and performance-excellence activities; "
        "registers teams and their results",
    },
    "std_institute": {
        "zh": "标准查询、企业标准编写和自我声明公开的技术咨询",
        "en": "Finding standards, drafting enterprise standards, advice on self-declaration",
    },
    "metrology_institute": {
        "zh": "计量器具检定校准、能源计量审查的技术支持",
        "en": "Verification and calibration of instruments; technical help with "
        "energy-metering audits",
    },
    "product_institute": {
        "zh": "产品检验、检测能力建设和不合格原因分析的技术支持",
        "en": "Product testing, building in-house test capability, analysing why a product failed",
    },
    "se_institute": {
        "zh": "特种设备定期检验和安全技术咨询",
        "en": "Periodic inspection of special equipment and safety advice",
    },
    "one_stop": {
        "zh": "计量、标准、检验检测、认证认可、知识产权等质量技术服务一站办理（以当地设站为准）",
        "en": "Metrology, standards, testing, certification and IP services in one place "
        "(where one is set up locally)",
    },
    "ip_centre": {
        "zh": "专利、商标侵权的快速维权和纠纷调解（以当地设立为准）",
        "en": "Fast handling of patent and trademark infringement, dispute mediation "
        "(where one exists locally)",
    },
    "tm_station": {
        "zh": "商标注册、使用和品牌培育的就近指导（以当地设立为准）",
        "en": "Nearby guidance on registering and using trademarks and building a brand "
        "(where one exists locally)",
    },
}

# The remit for which a body is named on a recommendation.
REMITS = {
    "quality_development": {
        "zh": "质量发展：质量管理体系、质量奖、质量提升帮扶",
        "en": "Quality development: management systems, quality awards, improvement support",
    },
    "quality_safety": {
        "zh": "产品质量安全监管：企业质量安全主体责任（总局令第75、76号）",
        "en": "Product quality and safety: the enterprise's primary duties (SAMR orders 75 and 76)",
    },
    "spot_checks": {
        "zh": "产品质量监督抽查、不合格产品整改和复查",
        "en": "Product spot checks, rectifying failures and re-inspection",
    },
    "testing": {
        "zh": "检验检测机构管理与产品质量监督",
        "en": "Testing laboratories and product conformity",
    },
    "metrology": {
        "zh": "计量监督：计量器具配备、检定和能源计量审查",
        "en": "Metrology: instruments, verification and energy-metering audits",
    },
    "energy_monitoring": {
        "zh": "节能：重点用能单位能耗在线监测、节能审查",
        "en": "Energy saving: online monitoring of large energy users, energy reviews",
    },
    "industrial_energy": {
        "zh": "工业节能、节能技术改造和能耗限额执行",
        "en": "Industrial energy saving, retrofits, energy-consumption limits",
    },
    "standardisation": {
        "zh": "标准化：企业标准自我声明公开、团体标准、企业标准“领跑者”",
        "en": "Standardisation: self-declaration, association standards, standards forerunners",
    },
    "online_trade": {
        "zh": "网络交易监管：网店亮照亮证和主体身份信息公示（电子商务法第十五条）",
        "en": "Online trade: showing the licence and seller identity (E-commerce Law, article 15)",
    },
    "certification": {
        "zh": "认证监管：同线同标同质、产品认证",
        "en": "Certification: same line, same standard, same quality; product certification",
    },
    "export_quality": {
        "zh": "出口商品检验和出口企业备案",
        "en": "Inspection of exports and exporter registration",
    },
    "trademarks": {
        "zh": "商标品牌培育、商标使用管理和知识产权保护",
        "en": "Trademark and brand cultivation, trademark use, IP protection",
    },
    "trademark_registration": {
        "zh": "商标注册（含马德里国际注册）",
        "en": "Trademark registration (including Madrid international filings)",
    },
    "geographical_indications": {
        "zh": "地理标志的认定、使用和保护",
        "en": "Geographical indications: recognition, use and protection",
    },
    "agri_brands": {
        "zh": "绿色食品、有机农产品和食用农产品承诺达标合格证",
        "en": "Green-food and organic farm products; the compliance certificate for farm produce",
    },
    "enforcement": {
        "zh": "假冒伪劣和商标侵权的投诉举报与执法",
        "en": "Complaints and enforcement against counterfeits and trademark infringement",
    },
    "industrial_brands": {
        "zh": "工业品牌培育、消费品“增品种、提品质、创品牌”",
        "en": "Industrial brand cultivation; consumer goods' variety, quality and brands",
    },
    "quality_brands": {
        "zh": "质量品牌提升、“质量月”、品牌价值评价",
        "en": "Quality and brand improvement, Quality Month, brand valuation",
    },
    "trade_promotion": {
        "zh": "对外贸易、电子商务和品牌推广",
        "en": "Foreign trade, e-commerce and brand promotion",
    },
    "soe_appraisal": {
        "zh": "国有企业经营业绩考核",
        "en": "Performance appraisal of state-owned enterprises",
    },
    "skills": {
        "zh": "职业技能培训、技能竞赛和技能人才评价",
        "en": "Vocational training, skills contests and skills certification",
    },
    "sme_support": {
        "zh": "中小企业和民营企业家培训、技术改造项目",
        "en": "Training for SMEs and private entrepreneurs; technical-renovation projects",
    },
    "industrial_quality": {
        "zh": "工业产品质量提升、可靠性提升和质量攻关",
        "en": "Industrial product quality, reliability improvement, key quality problems",
    },
    "technology": {
        "zh": "科技项目和关键技术攻关",
        "en": "Research projects and tackling key technical problems",
    },
    "special_equipment": {
        "zh": "特种设备安全监察：使用登记、定期检验、安全总监和安全员（总局令第74号）",
        "en": "Special equipment: registration, periodic inspection, safety director and "
        "officer (SAMR order 74)",
    },
    "food_safety": {
        "zh": "食品生产经营许可和食品安全主体责任（总局令第60号）",
        "en": "Food licences and food-safety duties (SAMR order 60)",
    },
    "credit": {
        "zh": "企业信用：经营异常名录、严重违法失信名单和信用修复",
        "en": "Company credit: abnormal-operation and serious-dishonesty lists, credit repair",
    },
    "credit_platform": {
        "zh": "“信用河北”与行政处罚信息的信用修复",
        "en": "Credit Hebei and the repair of administrative-penalty records",
    },
    "consumer_protection": {
        "zh": "消费者权益保护、投诉处理和“三包”",
        "en": "Consumer protection, complaints and the three guarantees",
    },
    "green_manufacturing": {
        "zh": "绿色工厂、绿色设计产品和绿色制造体系",
        "en": "Green factories, green-design products, green manufacturing",
    },
    "environment": {
        "zh": "环境标志产品、挥发性有机物（VOC）排放管理",
        "en": "Environmental labels, VOC emissions",
    },
    "retail_logistics": {
        "zh": "商贸流通和电子商务物流服务",
        "en": "Retail, distribution and e-commerce logistics",
    },
    "transport_logistics": {
        "zh": "交通运输和物流服务规范",
        "en": "Transport and logistics service standards",
    },
}
