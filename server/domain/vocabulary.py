"""The domain's closed vocabularies (codes), from shared/DOMAIN.md.

Codes are stable English snake_case; people see labels from the PWA's i18n files. Keep this in
step with docs/CONTRACT.md and sync/registry.json.
"""

from __future__ import annotations

ROLES = ("admin", "supervisor", "helper", "client")
STAFF_ROLES = ("admin", "supervisor", "helper")

AREA_KINDS = ("district", "subdistrict", "committee")
AREA_PARENT_KIND = {"subdistrict": "district", "committee": "subdistrict"}

#: Employment situation of a person (the graduates' survey categories plus residents').
STATUSES = (
    "studying",
    "seeking",
    "internship",
    "informal",
    "employed",
    "further_study",
    "unemployed",
    "not_eligible",
)

#: Follow-up category → default interval in days (the "123" tracking rule).
CATEGORY_INTERVAL_DAYS = {
    "zero_employment_family": 15,
    "employment_difficulty": 30,
    "unemployed_seeking": 90,
    "unemployment_insurance": 90,
    "underemployed_not_seeking": 180,
    "settled": 365,
    "graduate_active_search": 14,
}
CATEGORIES = tuple(CATEGORY_INTERVAL_DAYS)

CHANNELS = ("home_visit", "phone", "online", "service_point", "accompanied_interview")

SERVICES = (
    "vocational_guidance",
    "psychological_support",
    "heart_to_heart",
    "cv_revision",
    "mock_interview",
    "interview_accompaniment",
    "recruitment_event",
    "job_recommendation",
    "training_referral",
    "policy_information",
    "entrepreneurship_support",
    "public_welfare_placement",
)

RECOMMENDATION_STATES = (
    "recommended",
    "viewed",
    "interested",
    "declined",
    "applied",
    "interview",
    "hired",
    "rejected",
)
#: Legal recommendation moves; mirrors sync/registry.json's `recommendation_state` machine.
RECOMMENDATION_MOVES = {
    "recommended": ("viewed", "interested", "declined"),
    "viewed": ("interested", "declined"),
    "interested": ("applied", "declined"),
    "declined": ("interested",),
    "applied": ("interview", "rejected", "hired"),
    "interview": ("hired", "rejected"),
    "hired": (),
    "rejected": (),
}

REVIEW_STATES = ("pending", "approved", "returned", "amended")
JOB_SOURCES = ("enterprise_visit", "job_fair", "livestream", "labour_broker", "online_platform")
EDUCATION_LEVELS = ("secondary", "vocational", "associate", "bachelor", "master", "doctorate")
GUIDANCE_STEPS = ("know", "adjust", "promote", "placed")
GENDERS = ("female", "male", "other")
