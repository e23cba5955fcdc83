"""The world of work in the demo: industries with their roles, majors and skills, and schools.

Chinese first (most people and employers), a little English (some helpers and graduates write
in English, and a few employers are foreign-invested).
"""

from __future__ import annotations

from typing import NamedTuple


class Industry(NamedTuple):
    name: str
    roles: tuple[str, ...]
    majors: tuple[str, ...]
    skills: tuple[str, ...]
    #: Monthly pay range (yuan) of an entry-level post.
    pay: tuple[int, int]


INDUSTRIES: tuple[Industry, ...] = (
    Industry("服装", ("服装设计助理", "打版师", "陈列专员", "面料采购"),
             ("服装设计", "服装与服饰设计", "纺织工程"), ("CAD制版", "手绘", "面料知识"), (4000, 7000)),
    Industry("信息技术", ("软件测试工程师", "前端开发", "运维工程师", "数据分析助理"),
             ("计算机科学与技术", "软件工程", "数据科学", "Computer Science"),
             ("Python", "Java", "SQL", "JavaScript", "Linux"), (6000, 12000)),
    Industry("教育培训", ("课程顾问", "助教", "少儿编程老师"),
             ("汉语言文学", "英语", "学前教育", "数学与应用数学"), ("普通话二甲", "教案设计", "English"),
             (4500, 8000)),
    Industry("医疗健康", ("药店店员", "康复治疗助理", "医药代表"),
             ("护理学", "药学", "康复治疗学"), ("护士资格证", "沟通能力"), (4500, 8500)),
    Industry("餐饮服务", ("门店储备干部", "西点师", "餐厅服务员"),
             ("酒店管理", "烹饪与营养教育"), ("食品安全证", "中式面点"), (3800, 6500)),
    Industry("物流", ("仓储管理员", "快递分拣员", "物流调度"),
             ("物流管理", "交通运输"), ("叉车证", "WMS系统", "Excel"), (4500, 7500)),
    Industry("制造", ("质检员", "设备维护技术员", "生产计划员"),
             ("机械设计制造及其自动化", "电气工程及其自动化", "材料科学与工程"),
             ("PLC", "AutoCAD", "电工证"), (5000, 8500)),
    Industry("金融", ("银行柜员", "保险理赔专员", "财务助理"),
             ("金融学", "会计学", "财务管理", "Finance"), ("初级会计", "Excel", "English"),
             (5000, 9000)),
    Industry("电子商务", ("直播运营", "网店客服", "电商美工"),
             ("电子商务", "市场营销", "视觉传达设计"), ("直播带货", "Photoshop", "短视频剪辑"),
             (4500, 8000)),
    Industry("社区服务", ("社区保洁员", "绿化养护员", "治安巡逻员", "公共设施维护员"),
             (), ("吃苦耐劳", "电工证"), (2700, 3600)),
)
#: Industries that offer public-welfare posts (DOMAIN.md: community cleaner, greening guard...).
PUBLIC_WELFARE_INDUSTRY = "社区服务"

SCHOOLS = (
    "复旦大学", "同济大学", "上海财经大学", "上海大学", "华东理工大学", "上海师范大学",
    "东华大学", "上海理工大学", "上海电力大学", "上海商学院", "河北科技大学", "上海电子信息职业技术学院",
    "上海工商职业技术学院", "University of Manchester",
)

#: Difficulties a helper records (DOMAIN.md: e.g. introversion, poor interview performance).
GRADUATE_DIFFICULTIES = ("性格内向", "面试表现欠佳", "缺乏工作经验", "求职目标不清晰", "期望薪资偏高")
RESIDENT_DIFFICULTIES = ("4050人员", "残疾", "长期失业", "低保家庭", "家中有需照护老人", "技能单一")

GRADUATE_GROUPS = ("求职1组", "求职2组", "求职3组")
