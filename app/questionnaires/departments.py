"""The departments the 2016 plan names, and the body that holds each one's remit today."""

import difflib

# 2016 name as printed in the plan's "（…按职责分工负责）" → today's successor body.
# Source: shared/domain.md §1.3 (the 2018 institutional reform and the 2023 financial reform),
# tagged [M] there: confirm before quoting a body's name in anything official.
DEPARTMENTS: dict[str, str] = {
    # Unchanged bodies, written out in full so an enterprise knows whom to contact.
    "省发展改革委": "河北省发展和改革委员会",
    "省科技厅": "河北省科学技术厅",
    "省工业和信息化厅": "河北省工业和信息化厅",
    "省教育厅": "河北省教育厅",
    "省人力资源社会保障厅": "河北省人力资源和社会保障厅",
    "省财政厅": "河北省财政厅",
    "省国资委": "河北省人民政府国有资产监督管理委员会",
    "省公安厅": "河北省公安厅",
    "省商务厅": "河北省商务厅",
    "省住房城乡建设厅": "河北省住房和城乡建设厅",
    "省交通运输厅": "河北省交通运输厅",
    "省水利厅": "河北省水利厅",
    "省委宣传部": "中共河北省委宣传部",
    "石家庄海关": "石家庄海关",
    # 2018: quality supervision, industry and commerce, and food regulation merged into one
    # market-regulation bureau. Drug regulation went to 河北省药品监督管理局, which that bureau
    # administers; the plan names 食药监局 for food and consumer goods, so the bureau is the
    # right contact for what these questionnaires ask.
    "省质监局": "河北省市场监督管理局",
    "省工商局": "河北省市场监督管理局",
    "省食品药品监管局": "河北省市场监督管理局",
    # The IP office kept its own name and remit (patents, trademarks, GIs) and is administered
    # by the market-regulation bureau; an enterprise deals with it under its own name.
    "省知识产权局": "河北省知识产权局",
    "河北出入境检验检疫局": "石家庄海关",
    "省环境保护厅": "河北省生态环境厅",
    "省农业厅": "河北省农业农村厅",
    "省卫生计生委": "河北省卫生健康委员会",
    "省旅游发展委": "河北省文化和旅游厅",
    "省安全监管局": "河北省应急管理厅",
    "省海洋局": "河北省自然资源厅",
    "省林业厅": "河北省林业和草原局",
    "省粮食局": "河北省粮食和物资储备局",
    "省法制办": "河北省司法厅",
    # Radio and television stayed with the government; press and publication moved to the
    # Party's propaganda department (中共河北省委宣传部), which the plan also names separately.
    "省新闻出版广电局": "河北省广播电视局",
    "人行石家庄中心支行": "中国人民银行河北省分行",
    "河北保监局": "国家金融监督管理总局河北监管局",
}

# Named in the plan's responsibility brackets (二（五）) but a coordinating group, not a body an
# enterprise can turn to; a recommendation cannot cite it.
NOT_DEPARTMENTS = frozenset({"省质量与名牌战略领导小组成员单位"})


def expand_department(name: str) -> dict[str, str] | None:
    """{"dept_2016": name, "dept_current": successor} for a name the plan prints, else None."""
    current = DEPARTMENTS.get(name)
    return None if current is None else {"dept_2016": name, "dept_current": current}


def suggest_department(name: str) -> str | None:
    """The printed name closest to a mistyped one, for error messages."""
    close = difflib.get_close_matches(name, DEPARTMENTS, n=1, cutoff=0.5)
    return close[0] if close else None
