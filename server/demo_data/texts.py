"""What people write: visit notes per service, reasons, review comments, and the catalogues.

Notes are in Chinese, as helpers in the seeds write them; a few English ones for the helpers who
work in English.
"""

from __future__ import annotations

#: A sentence per service delivered on a visit; a note joins the sentences of its services.
SERVICE_NOTES: dict[str, tuple[str, ...]] = {
    "vocational_guidance": ("开展职业指导，帮助梳理职业方向和求职目标。", "结合市场情况分析优势和短板，调整求职预期。"),
    "psychological_support": ("进行心理疏导，鼓励其树立求职信心。", "情绪比上次稳定，愿意主动投递简历。"),
    "heart_to_heart": ("与本人促膝谈心，了解家庭情况和就业想法。", "谈心交流，本人表示希望留在本区工作。"),
    "cv_revision": ("帮助修改简历，突出实习经历和专业技能。", "简历第二稿完成，补充了项目经历。"),
    "mock_interview": ("进行模拟面试，重点练习自我介绍和常见问题。", "模拟面试后表达更流畅，仍需注意眼神交流。"),
    "interview_accompaniment": ("陪同参加企业面试，面试后一起复盘。",),
    "recruitment_event": ("陪同参加街道专场招聘会，现场投递简历3份。", "一起观看直播带岗，登记了两个意向岗位。"),
    "job_recommendation": ("根据专业和意向推荐岗位，已发送岗位信息。", "推荐了离家较近的岗位，本人表示会考虑。"),
    "training_referral": ("介绍免费职业技能培训，本人有意报名。", "推荐参加电子商务运营培训。"),
    "policy_information": ("宣传就业创业补贴政策和\"三免一补\"政策。", "讲解一次性求职创业补贴的申请条件。"),
    "entrepreneurship_support": ("介绍创业担保贷款和创业孵化基地。", "协助准备创业计划书。"),
    "public_welfare_placement": ("介绍社区公益性岗位（保洁、绿化、巡逻），本人愿意尝试。", "协助办理公益性岗位上岗手续。"),
}
ENGLISH_NOTES = (
    "Phoned to check on the job search; sent two vacancies that match the major.",
    "Home visit: talked through interview nerves, agreed on a mock interview next week.",
    "Met at the service point, updated the CV and the job intention.",
)
CHANNEL_OPENERS = {
    "home_visit": "入户走访。",
    "phone": "电话回访。",
    "online": "微信联系。",
    "service_point": "到社区服务站面谈。",
    "accompanied_interview": "陪同面试。",
}

#: Services that fit each follow-up category (a visit delivers one to three of them).
CATEGORY_SERVICES: dict[str, tuple[str, ...]] = {
    "graduate_active_search": ("heart_to_heart", "cv_revision", "mock_interview", "recruitment_event",
                               "job_recommendation", "vocational_guidance", "policy_information",
                               "psychological_support"),
    "zero_employment_family": ("job_recommendation", "public_welfare_placement", "policy_information",
                               "heart_to_heart", "training_referral"),
    "employment_difficulty": ("psychological_support", "public_welfare_placement", "training_referral",
                              "job_recommendation", "vocational_guidance"),
    "unemployed_seeking": ("vocational_guidance", "job_recommendation", "training_referral",
                           "entrepreneurship_support"),
    "unemployment_insurance": ("policy_information", "job_recommendation", "training_referral"),
    "underemployed_not_seeking": ("policy_information", "heart_to_heart", "training_referral"),
    "settled": ("policy_information", "heart_to_heart"),
}

RECOMMENDATION_REASONS = (
    "专业对口，离家近，薪资符合预期。",
    "岗位要求与本人技能匹配，企业提供岗前培训。",
    "企业在本街道，有应届生名额。",
    "公益性岗位，时间灵活，适合照顾家庭。",
    "Fits the major and the pay expectation; the employer trains new graduates.",
)
DECLINE_REASONS = ("薪资低于预期", "通勤时间太长", "岗位与专业不符", "想先考研", "需要倒班，不方便照顾家人")

RETURN_COMMENTS = (
    "请补充服务对象的求职意向和下一步计划。",
    "记录过于简单，请写明提供了哪些服务。",
    "走访时间与定位不一致，请核实后修改。",
    "请注明推荐的岗位名称和企业。",
)

PERSON_NOTES = (
    "本人希望从事与专业相关的工作，期望在本区就业。",
    "家长对就业方向有不同意见，需要多沟通。",
    "已报名参加下月的专场招聘会。",
    "正在准备教师资格证考试。",
    "身体状况良好，可以接受倒班。",
)

#: (title, provider, field, duration in days, free)
TRAININGS: tuple[tuple[str, str, str, int, bool], ...] = (
    ("电子商务运营培训", "区职业技能培训中心", "电子商务", 20, True),
    ("网络直播带货实训", "区就业促进中心", "电子商务", 10, True),
    ("育婴员职业技能培训", "区妇联培训基地", "家政服务", 30, True),
    ("养老护理员培训", "区社会福利院", "医疗健康", 30, True),
    ("叉车操作证培训", "市交通技工学校", "物流", 15, False),
    ("中式面点师培训", "区职业技能培训中心", "餐饮服务", 25, True),
    ("Python 数据分析入门", "区青年就业创业服务站", "信息技术", 12, True),
    ("办公软件高级应用", "社区学校", "通用", 8, True),
    ("创业培训（SYB）", "区创业指导中心", "创业", 10, True),
    ("低压电工作业证培训", "市安全技术培训站", "制造", 20, False),
)

#: (title, summary, audience)
POLICIES: tuple[tuple[str, str, str], ...] = (
    ("三免一补", "家庭经济困难学生免学费、免住宿费、免教科书费，补助生活费（three exemptions and one subsidy）。",
     "家庭经济困难学生"),
    ("创业担保贷款", "符合条件的创业者可申请最高50万元创业担保贷款，财政贴息。", "创业者、高校毕业生"),
    ("一次性求职创业补贴", "对毕业年度内有求职意愿的困难家庭高校毕业生发放一次性补贴。", "困难家庭高校毕业生"),
    ("吸纳高校毕业生社保补贴", "企业招用毕业年度高校毕业生并缴纳社保的，给予社会保险补贴。", "用人单位"),
    ("就业见习补贴", "参加就业见习的青年，见习单位按月获得见习补贴。", "离校未就业高校毕业生"),
    ("灵活就业社会保险补贴", "就业困难人员灵活就业后缴纳社保的，给予一定补贴。", "就业困难人员"),
    ("公益性岗位托底安置", "对通过市场渠道难以就业的困难人员，以公益性岗位托底安置。", "就业困难人员、零就业家庭"),
    ("失业保险金", "符合条件的失业人员可按月领取失业保险金，并享受职业培训补贴。", "失业人员"),
    ("Entrepreneurship incubator rent relief", "Start-ups in the district incubator pay no rent for the first year.",
     "graduate founders"),
)
