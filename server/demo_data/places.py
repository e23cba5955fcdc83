"""Where the demo happens: one district of Shanghai, three sub-districts, twelve committees.

The first sub-district is the seeds' own (Liangcheng Xincun, home of the Zhumeng studio); the
graduate cohort of DOMAIN.md lives there, so its supervisor's board shows the survey's figures.
"""

from __future__ import annotations

DISTRICT = "虹口区"

#: (sub-district, its four residential committees, roads for addresses)
SUBDISTRICTS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    (
        "凉城新村街道",
        ("复旦第一居委", "广灵居委", "凉城三村居委", "汶水居委"),
        ("凉城路", "广灵四路", "汶水东路", "车站南路", "水电路"),
    ),
    (
        "江湾镇街道",
        ("江湾居委", "场中居委", "丰镇居委", "新市北居委"),
        ("场中路", "新市北路", "丰镇路", "奎照路", "西江湾路"),
    ),
    (
        "广中路街道",
        ("广中居委", "商业一村居委", "大连西路居委", "同心居委"),
        ("广中路", "大连西路", "同心路", "宝安路", "东体育会路"),
    ),
)

#: Centre of the district, for GPS fixes on home visits (lat, lng).
CENTRE = (31.2756, 121.4760)
