//! Places as texts write them, read through the default (national) gazetteer: corpora in
//! duckling's style, one expected place and many surface forms, and a negative corpus of texts
//! whose facts must not be placed anywhere. The sentences are written for these tests.

use planledger::extract::{Document, Extractor, Fact};
use planledger::model::PartialDate;
use std::sync::OnceLock;

fn extractor() -> &'static Extractor {
    static E: OnceLock<Extractor> = OnceLock::new();
    E.get_or_init(Extractor::new)
}

fn facts(text: &str, date: &str) -> Vec<Fact> {
    let date: PartialDate = date.parse().expect("test date");
    extractor()
        .extract(&Document::new(text).with_date(date))
        .facts
}

fn code(f: &Fact) -> Option<&str> {
    f.region_code()
}

/// Every fact of every text is placed in `region` (with `code`, when given).
fn expect_place(region: &str, code_: Option<&str>, texts: &[&str]) {
    for text in texts {
        let found = facts(text, "2023-06-30");
        assert!(!found.is_empty(), "no fact in {text:?}");
        for f in &found {
            assert_eq!(f.region(), Some(region), "{text:?}: {f:?}");
            if let Some(c) = code_ {
                assert_eq!(code(f), Some(c), "{text:?}: {f:?}");
            }
            assert_eq!(f.region_note(), None, "{text:?}: {f:?}");
        }
    }
}

/// A name written many ways is one place.
#[test]
fn surface_forms() {
    let cases: &[(&str, Option<&str>, &[&str])] = &[
        (
            "漾濞彝族自治县",
            Some("532922"),
            &[
                "漾濞彝族自治县今年签约项目5个，总投资12亿元。",
                "漾濞县今年签约项目5个，总投资12亿元。",
                "漾濞今年签约项目5个，总投资12亿元。",
                "大理州漾濞县今年签约项目5个，总投资12亿元。",
            ],
        ),
        (
            "莱西市",
            Some("370285"),
            &[
                "莱西市今年签约项目5个，总投资12亿元。",
                "莱西今年签约项目5个，总投资12亿元。",
                "青岛莱西今年签约项目5个，总投资12亿元。",
            ],
        ),
        (
            "罗湖区",
            Some("440303"),
            &[
                "罗湖区今年签约项目5个，总投资12亿元。",
                "深圳罗湖今年签约项目5个，总投资12亿元。",
                "罗湖今年签约项目5个，总投资12亿元。",
                "深圳市罗湖区今年签约项目5个，总投资12亿元。",
            ],
        ),
        (
            "广东省",
            Some("440000"),
            &[
                "广东今年签约项目5个，总投资12亿元。",
                "广东省今年签约项目5个，总投资12亿元。",
            ],
        ),
        (
            "湘西土家族苗族自治州",
            Some("433100"),
            &[
                "湘西州今年签约项目5个，总投资12亿元。",
                "湘西土家族苗族自治州今年签约项目5个，总投资12亿元。",
                "湖南湘西今年签约项目5个，总投资12亿元。",
            ],
        ),
        (
            "大兴安岭地区",
            Some("232700"),
            &[
                "大兴安岭今年签约项目5个，总投资12亿元。",
                "大兴安岭地区今年签约项目5个，总投资12亿元。",
            ],
        ),
        (
            "西海岸新区",
            Some("370211"),
            &[
                "西海岸新区今年签约项目5个，总投资12亿元。",
                "黄岛区今年签约项目5个，总投资12亿元。",
                "青岛西海岸新区今年签约项目5个，总投资12亿元。",
                // Traditional script.
                "青島市黃島區今年签约项目5个，总投资12亿元。",
            ],
        ),
        (
            "青岛市",
            Some("370200"),
            &[
                "青岛今年签约项目5个，总投资12亿元。",
                "青島市今年签约项目5个，总投资12亿元。",
            ],
        ),
        (
            "两江新区",
            None,
            &[
                "两江新区今年签约项目5个，总投资12亿元。",
                "重庆两江新区今年签约项目5个，总投资12亿元。",
            ],
        ),
    ];
    for (region, code, texts) in cases {
        expect_place(region, *code, texts);
    }
}

/// Names shared by many places, read in the place the text is about.
#[test]
fn ambiguous_names_in_context() {
    let cases: &[(&str, Option<&str>, &[&str])] = &[
        (
            "鼓楼区",
            Some("350102"),
            &[
                "福州市鼓楼区今年签约项目5个，总投资12亿元。",
                "福建福州鼓楼区今年签约项目5个，总投资12亿元。",
                "福州市重点项目推进会召开\n\n鼓楼区今年签约项目5个，总投资12亿元。",
                "——访福州市鼓楼区区长王立\n今年，全区签约项目5个，总投资12亿元。",
            ],
        ),
        (
            "鼓楼区",
            Some("320106"),
            &[
                "南京市鼓楼区今年签约项目5个，总投资12亿元。",
                "江苏南京鼓楼区今年签约项目5个，总投资12亿元。",
            ],
        ),
        (
            "朝阳区",
            Some("110105"),
            &[
                "北京市朝阳区今年签约项目5个，总投资12亿元。",
                "北京朝阳区今年签约项目5个，总投资12亿元。",
            ],
        ),
        (
            "朝阳区",
            Some("220104"),
            &["长春市朝阳区今年签约项目5个，总投资12亿元。"],
        ),
        (
            "新华街道",
            Some("210102002"),
            &["沈阳市和平区新华街道今年签约项目5个，总投资12亿元。"],
        ),
        (
            "城关镇",
            Some("150124100"),
            &[
                "——访清水河县城关镇党委书记王建国\n今年，我镇签约项目5个，总投资12亿元。",
                "清水河县城关镇今年签约项目5个，总投资12亿元。",
            ],
        ),
        (
            "琅琊镇",
            Some("370211102"),
            &["——访黄岛区琅琊镇党委书记李华\n今年，我镇签约项目5个，总投资12亿元。"],
        ),
    ];
    for (region, code, texts) in cases {
        expect_place(region, *code, texts);
    }
}

/// Without context an ambiguous name is left open, and the fact says why.
#[test]
fn ambiguity_is_left_open() {
    for (name, text) in [
        ("鼓楼区", "鼓楼区今年签约项目5个，总投资12亿元。"),
        ("新华街道", "新华街道今年签约项目5个，总投资12亿元。"),
        ("城关镇", "城关镇今年签约项目5个，总投资12亿元。"),
        ("朝阳区", "朝阳区今年签约项目5个，总投资12亿元。"),
        ("琅琊镇", "——访琅琊镇党委书记李华\n今年，我镇签约项目5个。"),
    ] {
        let found = facts(text, "2023-06-30");
        assert!(!found.is_empty(), "{text:?}");
        for f in &found {
            assert_eq!(f.region(), None, "{text:?}: {f:?}");
            let note = f.region_note().unwrap_or("");
            assert!(
                note.starts_with("ambiguous: ") && note.contains(name),
                "{text:?}: {note:?}"
            );
        }
    }
}

/// Self-references resolve to the enclosing place whose name ends in their level word.
#[test]
fn self_references() {
    expect_place(
        "红塔镇",
        Some("420325109"),
        &["房县红塔镇召开工作会议\n\n今年该镇签约项目5个，总投资12亿元。"],
    );
    expect_place(
        "广西壮族自治区",
        Some("450000"),
        &["广西制造业项目建设年活动启动\n\n今年全区签约项目500个，总投资1200亿元。"],
    );
    expect_place(
        "房县",
        Some("420325"),
        &["房县红塔镇召开工作会议\n\n今年全县签约项目50个，总投资120亿元。"],
    );
    expect_place(
        "中国",
        None,
        &[
            "今年全国城镇新增就业1200万人。",
            "我国今年城镇新增就业1200万人。",
        ],
    );
    // The speaker's level moves the document to the province the venue is in.
    expect_place(
        "安徽省",
        Some("340000"),
        &["全省重点项目开工动员大会在合肥召开，省委书记和省长出席。今年全省新开工项目800个。"],
    );
}

/// A zone the text names gets a place of its own under the division that holds it.
#[test]
fn zones_are_places_of_their_own() {
    let text = "潜江市张金镇召开大会\n\n今年张金经济开发区签约项目5个，总投资12亿元。";
    let found = facts(text, "2018-03-03");
    assert!(!found.is_empty());
    for f in &found {
        assert_eq!(f.region(), Some("张金经济开发区"), "{f:?}");
        assert_eq!(code(f), None, "{f:?}");
    }
    // A zone in the division table keeps its code under the names people write for it.
    expect_place(
        "秦皇岛市经济技术开发区",
        Some("130371"),
        &["秦皇岛经济技术开发区今年签约项目5个，总投资12亿元。"],
    );
}

/// Former names resolve to today's place: every rename the crate ships, in a text dated
/// before the change.
#[test]
fn former_names() {
    let renames: serde_json::Value =
        serde_json::from_str(include_str!("../data/divisions/renames.json")).unwrap();
    let renames = renames.as_array().unwrap();
    assert!(renames.len() >= 10, "{}", renames.len());
    let g = planledger::extract::Gazetteer::national();
    for r in renames {
        let (code_, name, former) = (
            r["code"].as_str().unwrap(),
            r["name"].as_str().unwrap(),
            r["former"].as_str().unwrap(),
        );
        let changed: PartialDate = r["changed"].as_str().unwrap().parse().unwrap();
        let id = g
            .by_code(code_)
            .unwrap_or_else(|| panic!("{code_} missing"));
        assert_eq!(g.place(id).unwrap().name, name);
        assert!(g.lookup(former).contains(&id), "{former}");
        let before: PartialDate = format!("{}-01-01", changed.year() - 1).parse().unwrap();
        let after: PartialDate = format!("{}-12-31", changed.year() + 1).parse().unwrap();
        assert_eq!(g.name_at(id, before), Some(former), "{former}");
        assert_eq!(g.name_at(id, after), Some(name), "{name}");
        // A text of the year before, under the former name, after the place that holds it
        // (several towns elsewhere still bear some of these names).
        let parent = g
            .place(id)
            .and_then(|p| p.parent)
            .and_then(|p| g.place(p))
            .unwrap();
        let text = format!("{}{former}今年签约项目5个，总投资12亿元。", parent.name);
        let found = facts(&text, &before.to_string());
        assert!(!found.is_empty(), "{text}");
        for f in &found {
            assert_eq!(
                (f.region(), code(f)),
                (Some(name), Some(code_)),
                "{text}: {f:?}"
            );
        }
    }
    // A rename the bundled Qingdao places record without a sourced date still resolves.
    expect_place(
        "张家楼街道",
        Some("370211015"),
        &["黄岛区张家楼镇今年签约项目5个，总投资12亿元。"],
    );
}

/// Texts whose facts belong to no place the text names: roads, companies, newspapers,
/// institutions, slogans, ordinary words that are also short names. Each fact has no region
/// and says why.
#[test]
fn negative_corpus() {
    for text in [
        "山东路改造工程今年完成投资3亿元。",
        "北京路步行街今年客流增长10%。",
        "青岛啤酒今年销量增长5%。",
        "平安银行今年贷款增长12%。",
        "长安汽车今年销量增长8%。",
        "湖南日报讯 今年签约项目6个，总投资9亿元。",
        "中山大学今年新建实验室3个。",
        "香港中文大学（深圳）今年新建实验室2个。",
        "坚持以中国式现代化为引领，今年新增就业岗位5000个。",
        "中国银行今年贷款增长9%。",
        "代县长主持会议，今年签约项目3个，总投资5亿元。",
        "会同有关部门推进，今年新增企业30家。",
        "振兴乡村产业，今年新建项目5个，总投资2亿元。",
        "合作共赢，今年签约项目8个，总投资10亿元。",
        "东方明珠今年接待游客增长10%。",
        "开发区今年签约项目5个，总投资7亿元。",
        "新区今年签约项目5个，总投资7亿元。",
        "城区今年新增绿地面积20万平方米。",
    ] {
        let found = facts(text, "2023-06-30");
        for f in &found {
            assert_eq!(f.region(), None, "{text:?}: {f:?}");
            assert!(f.region_note().is_some(), "{text:?}: {f:?}");
        }
    }
}

/// A text that speaks for a town it never names leaves its facts open, and says so.
#[test]
fn an_unnamed_speaker() {
    let text = "镇党委书记在一季度交流会上的发言\n今年以来，我镇新增固定资产投资4亿元。我镇落地招商引资项目5个，总投资15亿元。";
    let found = facts(text, "2024-04-10");
    assert!(!found.is_empty());
    for f in &found {
        assert_eq!(f.region(), None, "{f:?}");
        assert_eq!(
            f.region_note(),
            Some("the text speaks for a 镇 it does not name"),
            "{f:?}"
        );
    }
}

/// The region_note field appears in the JSON only when there is one.
#[test]
fn region_note_in_json() {
    let f = &facts("鼓楼区今年签约项目5个。", "2023-06-30")[0];
    let v = serde_json::to_value(f).unwrap();
    assert!(v["region_note"].as_str().unwrap().contains("鼓楼区"));
    let f = &facts("罗湖区今年签约项目5个。", "2023-06-30")[0];
    let v = serde_json::to_value(f).unwrap();
    assert!(v.get("region_note").is_none(), "{v}");
}

/// The batch with `count` projects among `found`.
fn batch(found: &[Fact], count: u32) -> &Fact {
    found
        .iter()
        .find(|f| matches!(f, Fact::Project(p) if p.count == count))
        .unwrap_or_else(|| panic!("no batch of {count}: {found:?}"))
}

/// A report lists projects by the places that hold them: a place (or 全市-like reference) that
/// opens a batch's noun phrase owns the batch, and is not its sector; a place after a verb
/// (引进某地项目) is where the projects come from, not where they are.
#[test]
fn a_place_before_projects_owns_them() {
    for text in [
        "湖北省公布今年首批重点项目清单，总投资近9000亿元。其中襄阳项目数量为46个，总投资达512亿元。",
        "湖北省公布今年首批重点项目清单。其中，襄阳重点项目46个，总投资512亿元。",
        "湖北省公布今年首批重点项目清单。襄阳市重点项目46个，总投资512亿元。",
    ] {
        let found = facts(text, "2023-03-01");
        let f = batch(&found, 46);
        assert_eq!(f.region(), Some("襄阳市"), "{text:?}: {f:?}");
        assert_eq!(code(f), Some("420600"), "{text:?}: {f:?}");
        if let Fact::Project(p) = f {
            assert_ne!(p.sector.as_deref(), Some("襄阳"), "{text:?}: {f:?}");
        }
    }
    // 全市 in a township's interview is the city the township is in.
    let text =
        "产业立镇再出发\n——访义乌市佛堂镇党委书记吴明\n去年全市工业项目63个，落户佛堂镇的有22个。";
    let f = &facts(text, "2013-02-01");
    assert_eq!(batch(f, 63).region(), Some("义乌市"), "{f:?}");
    // The origin of projects brought in is not where they are.
    let text = "湖北省今年引进襄阳客商项目12个，总投资80亿元。";
    let f = &facts(text, "2023-03-01");
    assert_eq!(batch(f, 12).region(), Some("湖北省"), "{f:?}");
}

/// A paragraph that opens with a place inside the section's (a prefecture's report turning to
/// one of its districts) is about that place: its sentences naming no place of their own
/// belong to it. A paragraph opening with the section's own place, or one outside it, changes
/// nothing.
#[test]
fn a_paragraph_about_a_part() {
    let text = "湘西州重点项目集中开工\n5月9日，湘西州举行第二季度重点项目集中开工仪式，全州开工项目40个。\n吉首市委书记田刚代表市委、市政府汇报项目建设进展。汇报说，今年吉首市列入全州重点项目的有35个。其中，省级重点项目6个，总投资18亿元。本次集中开工项目9个，年度计划投资5亿元。\n凤凰县也同步举行了开工活动。";
    let found = facts(text, "2023-05-09");
    for count in [6, 9] {
        let f = batch(&found, count);
        assert_eq!(f.region(), Some("吉首市"), "{f:?}");
    }
    assert_eq!(batch(&found, 40).region(), Some("湘西土家族苗族自治州"));
    // A paragraph opening with a place outside the section's keeps the section's place.
    let text = "湘西州重点项目集中开工\n5月9日，湘西州举行重点项目集中开工仪式。\n长沙市考察团参加了仪式。本次集中开工项目9个，总投资18亿元。";
    let found = facts(text, "2023-05-09");
    assert_eq!(batch(&found, 9).region(), Some("湘西土家族苗族自治州"));
}

/// The provinces are a closed set: before a province's post, characters the national table
/// does not know (a crawler's spliced-in words) name no province; the post is the text's own
/// province's, and the chain of posts reads on past them.
#[test]
fn spliced_text_before_a_provincial_post() {
    let text = "湖北省春季重大项目开工\n3月28日，全省重大项目集中开工活动在武汉举行。春季省委副书记、开工省长刘军讲话，活动省政协主席孙平出席，省委常委、项目常务副省长赵强主持。";
    let found = facts(text, "2023-03-28");
    let officials: Vec<_> = found
        .iter()
        .filter_map(|f| match f {
            Fact::Official(o) => Some(o),
            _ => None,
        })
        .collect();
    assert_eq!(officials.len(), 3, "{officials:?}");
    for o in &officials {
        assert_eq!(o.region.as_deref(), Some("湖北省"), "{o:?}");
        let org = o.organization.as_deref().unwrap_or("");
        assert!(org.starts_with("湖北省"), "{o:?}");
    }
    let liu = officials.iter().find(|o| o.name == "刘军").unwrap();
    let titles: Vec<&str> = liu.posts.iter().map(|p| p.title.as_str()).collect();
    assert_eq!(titles, ["省委副书记", "省长"], "{liu:?}");
}

/// A national post's place is the country.
#[test]
fn national_posts_are_the_countrys() {
    for text in [
        "国务院总理王建国在报告中指出，今年经济运行总体平稳。",
        "王建国总理在会上强调，要稳住经济大盘。",
    ] {
        let found = facts(text, "2023-03-05");
        let o = found
            .iter()
            .find(|f| f.kind() == "official")
            .unwrap_or_else(|| panic!("no official in {text:?}"));
        assert_eq!(o.region(), Some("中国"), "{text:?}: {o:?}");
    }
}

/// A person who heads a town and the development zone the town runs is the town's: the zone's
/// post is listed, the town's heads the fact.
#[test]
fn a_division_post_over_its_zones() {
    let text = "项目为王 产业强镇\n——访潜江市浩口镇党委书记、浩口经济开发区工委书记陈立\n去年，我镇引进项目12个，总投资30亿元。";
    let found = facts(text, "2019-02-10");
    let o = found
        .iter()
        .find_map(|f| match f {
            Fact::Official(o) => Some(o),
            _ => None,
        })
        .expect("the interviewee");
    assert_eq!(o.region.as_deref(), Some("浩口镇"), "{o:?}");
    assert_eq!(o.title, "党委书记", "{o:?}");
    assert_eq!(o.organization.as_deref(), Some("浩口镇党委"), "{o:?}");
    let zone = o
        .posts
        .iter()
        .find(|p| p.title == "工委书记")
        .expect("the zone post");
    assert_eq!(zone.region.as_deref(), Some("浩口经济开发区"), "{o:?}");
    // Heading a zone alone, the person is the zone's.
    let text = "园区再出发\n——访潜江经济开发区工委书记陈立\n去年，园区引进项目12个，总投资30亿元。";
    let found = facts(text, "2019-02-10");
    let o = found
        .iter()
        .find(|f| f.kind() == "official")
        .expect("the interviewee");
    assert_eq!(o.region(), Some("潜江经济开发区"), "{o:?}");
}

/// A news source's attribution (据某省发改委消息, 据某市日报报道) says who reported, not what
/// the text is about: the county the sentence speaks of keeps its facts.
#[test]
fn a_source_attribution_is_not_the_subject() {
    for text in [
        "据湖南省发改委消息，今年以来，浏阳市招商引资势头良好。新签约项目12个，总投资86亿元。",
        "据湖南省统计局通报，浏阳市上半年经济运行平稳。全市新签约项目12个，总投资86亿元。",
        "据湖南日报报道，浏阳市今年项目建设提速。新签约项目12个，总投资86亿元。",
    ] {
        let found = facts(text, "2023-06-30");
        let f = batch(&found, 12);
        assert_eq!(f.region(), Some("浏阳市"), "{text}: {f:?}");
    }
    // Without an attribution's closing word the province is the sentence's subject.
    let found = facts("湖南省今年以来新签约项目12个，总投资86亿元。", "2023-06-30");
    assert_eq!(batch(&found, 12).region(), Some("湖南省"));
}
