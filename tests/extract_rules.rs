//! The fact rules as corpora: for each rule family one expected fact and many ways a text may
//! put it. Every sentence here was written for this test, in the style of the corpus.

mod extract_support;

use extract_support::{extractor, json};
use planledger::extract::{Document, Fact};
use serde_json::Value;

fn kinds(v: &[Value], kind: &str) -> Vec<Value> {
    v.iter().filter(|f| f["kind"] == kind).cloned().collect()
}

/// `count investment status` of every project.
fn projects(text: &str) -> Vec<String> {
    kinds(&json(text), "project")
        .into_iter()
        .map(|p| {
            format!(
                "{} {} {}",
                p["count"],
                p["investment_yuan"],
                p["status"].as_str().unwrap_or("null")
            )
        })
        .collect()
}

#[test]
fn project_batches_with_investment() {
    let want = ["6 2480000000 signed"];
    for text in [
        "一季度，全镇签约落地6个项目、总投资24.8亿元。",
        "一季度，全镇签约落地6个项目、总投资24.8亿\n元。",
        "一季度，全镇签约落地６个项目、总投资２４．８亿元。",
        "一季度，全镇签约落地6个项目，总投资24.8亿元。",
        "一季度，全镇签约总投资24.8亿元的6个项目。",
        "一季度，全镇签约了总投资24.8亿元的6个重点项目。",
    ] {
        assert_eq!(projects(text), want, "{text}");
    }
    assert_eq!(
        projects("新开工7个项目、总投资18.45亿元。"),
        ["7 1845000000 started"]
    );
    assert_eq!(
        projects("加快建设总投资320亿元的16个先进制造项目。"),
        ["16 32000000000 under_construction"]
    );
    assert_eq!(
        projects("推动总投资15.6亿元的3个民生项目年底竣工。"),
        ["3 1560000000 completed"]
    );
    assert_eq!(
        projects("排出了总投资5230亿元的960个项目。"),
        ["960 523000000000 null"]
    );
    let v = json("建设滨海生命科学园等总投资超过500亿元的40个海洋项目。");
    let p = &kinds(&v, "project")[0];
    assert_eq!(
        (p["count"].clone(), p["comparator"].clone()),
        (Value::from(40), Value::from("over"))
    );
    assert_eq!(p["members"], serde_json::json!(["滨海生命科学园"]));
    assert_eq!(p["sector"], "海洋");
    // The investment is the project's, not a target of its own.
    assert!(kinds(&v, "target").is_empty());
}

#[test]
fn named_projects_and_status_verbs() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "加快建设滨海现代职教园。",
            "滨海现代职教园",
            "under_construction",
        ),
        (
            "开工建设滨河社区幼儿园项目。",
            "滨河社区幼儿园项目",
            "started",
        ),
        ("启动老港区改造项目。", "老港区改造项目", "started"),
        (
            "推进东湖湿地生态示范区规划建设。",
            "东湖湿地生态示范区",
            "planned",
        ),
        (
            "筹建全市首个农产品冷链批发市场。",
            "农产品冷链批发市场",
            "planned",
        ),
        (
            "建成全县首家乡村振兴实训基地。",
            "乡村振兴实训基地",
            "completed",
        ),
        (
            "稳步推进海洋牧场示范项目建设。",
            "海洋牧场示范项目",
            "under_construction",
        ),
        (
            "建设首个“国家级种苗基地”。",
            "国家级种苗基地",
            "under_construction",
        ),
        (
            "推动总投资12亿元的光伏组件项目6月底投产运营。",
            "光伏组件项目",
            "in_operation",
        ),
        (
            "全力推进某银行华北总部等金融项目签约落地。",
            "某银行华北总部",
            "signed",
        ),
    ];
    for (text, name, status) in cases {
        let v = json(text);
        let p = kinds(&v, "project");
        assert_eq!(p.len(), 1, "{text}: {v:?}");
        assert_eq!(
            (p[0]["name"].as_str(), p[0]["status"].as_str()),
            (Some(*name), Some(*status)),
            "{text}"
        );
    }
    // A generic head is not a project's name.
    assert!(projects("抓紧建设配套产业园区。").is_empty());
    assert!(projects("大力推进花园城市建设。").is_empty());
}

#[test]
fn batches_of_named_members() {
    let v = json("加快建设影视文化园、滨海会展中心等重点项目。");
    let p = &kinds(&v, "project")[0];
    assert_eq!(p["count"], 2);
    assert_eq!(
        p["members"],
        serde_json::json!(["影视文化园", "滨海会展中心"])
    );
    assert_eq!(p["status"], "under_construction");

    let v = json("年内完成东城路、西城路等5条道路拓宽工程。");
    let p = &kinds(&v, "project")[0];
    assert_eq!(
        (p["count"].clone(), p["status"].clone()),
        (Value::from(5), Value::from("completed"))
    );
    assert!(
        kinds(&v, "target").is_empty(),
        "the 5条 is the batch's count"
    );

    let v = json("加快推进实验中学、职业学院、外国语学校三大学校建设。");
    assert_eq!(kinds(&v, "project")[0]["count"], 3);

    let v = json("推动商务大厦、科创中心等投入运营。");
    assert_eq!(kinds(&v, "project")[0]["status"], "in_operation");

    // Lists that are not projects.
    for text in [
        "培育新材料、生物医药等新兴产业。",
        "以民宿、农家乐等特色业态为重点。",
        "规划建设菜市场、健身广场等公共服务设施。",
        "加强村委会、监委会等基层组织建设。",
    ] {
        assert!(projects(text).is_empty(), "{text}: {:?}", projects(text));
    }
}

#[test]
fn targets_and_observations() {
    let v = json("我们锚定“完成投资1200亿元、增长15%”的目标，狠抓项目落地。");
    let t = kinds(&v, "target");
    assert_eq!(t.len(), 2, "{v:?}");
    assert_eq!(
        (t[0]["metric"].as_str(), t[0]["measure"].as_str()),
        (Some("完成投资"), Some("level"))
    );
    assert_eq!(
        (t[1]["metric"].as_str(), t[1]["measure"].as_str()),
        (Some("完成投资"), Some("growth"))
    );

    let v = json("去年全县农业产值268亿元、占全市的21.5%。");
    let o = kinds(&v, "observation");
    assert_eq!(o.len(), 2, "{v:?}");
    assert_eq!(o[0]["year"], 2019);
    assert_eq!(o[1]["measure"], "share");

    let v = json("县域民营企业贡献了60%的产值、40%的税收。");
    assert_eq!(
        kinds(&v, "observation").len(),
        2,
        "two shares of two wholes: {v:?}"
    );

    let v = json("力争财政收入、工业产值等指标实现10%以上的增长。");
    let metrics: Vec<_> = kinds(&v, "target")
        .iter()
        .map(|t| t["metric"].clone())
        .collect();
    // 工业产值 is the everyday name of 工业总产值: metrics come out under the canonical name.
    assert_eq!(
        metrics,
        [Value::from("财政收入"), Value::from("工业总产值")]
    );

    // Standing resources are observations.
    let v = json("要发挥300多家研发机构和9所高校作用。");
    assert_eq!(kinds(&v, "observation").len(), 2, "{v:?}");
}

#[test]
fn deadlines_and_years() {
    let v = json("力争上半年技改投入12亿元。");
    assert_eq!(v[0]["deadline"], "2020-06-30");
    let v = json("对2020年25件为民实事跟踪督办，确保年内全部办结。");
    assert_eq!(v[0]["deadline"], "2020-12-31");
    let v = json("3-5年内培育20家以上上市公司。");
    assert_eq!(v[0]["year"], Value::Null);
    let v = json("力争到2023年底新增高新技术企业100家。");
    assert_eq!(v[0]["deadline"], "2023-12-31");
    let text = "今年，全区要新登记企业1.2万家。";
    let f = extractor()
        .extract(&Document::new(text).with_date("2023-03-01".parse().unwrap()))
        .facts;
    let Fact::Target(t) = &f[0] else {
        panic!("{f:?}")
    };
    assert_eq!(t.year, Some(2023));
}

#[test]
fn officials() {
    let v = json("莱西市委书记王明出席座谈会，莱西市委副书记、市长赵丽作报告，莱西市人大常委会主任钱伟参加。");
    // One fact per mention of a person; each post of a chain is in `posts`.
    let got: Vec<String> = kinds(&v, "official")
        .iter()
        .flat_map(|o| {
            o["posts"]
                .as_array()
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .map(move |p| {
                    format!(
                        "{} {} {}",
                        o["name"].as_str().unwrap_or(""),
                        p["title"].as_str().unwrap_or(""),
                        p["organization"].as_str().unwrap_or("")
                    )
                })
        })
        .collect();
    assert_eq!(
        got,
        [
            "王明 市委书记 莱西市委",
            "赵丽 市委副书记 莱西市委",
            "赵丽 市长 莱西市人民政府",
            "钱伟 市人大常委会主任 莱西市人大常委会"
        ]
    );

    let v = json("——访黄岛区琅琊镇党委书记李华\n□本报记者 张三\n记者：新的一年怎么干？");
    let o = kinds(&v, "official");
    assert_eq!(o.len(), 1, "{v:?}");
    assert_eq!(
        (o[0]["title"].as_str(), o[0]["region"].as_str()),
        (Some("党委书记"), Some("琅琊镇"))
    );

    // Name + title at a clause start; a bare title of a known official adds nothing.
    let v =
        json("省委常委，青岛市委书记、市人大常委会主任周强同志作报告。周强书记强调，要真抓实干。");
    let titles: Vec<_> = kinds(&v, "official")
        .iter()
        .flat_map(|o| o["posts"].as_array().cloned().unwrap_or_default())
        .map(|p| p["title"].clone())
        .collect();
    assert_eq!(
        titles,
        [
            Value::from("省委常委"),
            Value::from("市委书记"),
            Value::from("市人大常委会主任")
        ]
    );
    let v = json("习近平总书记强调，要坚持稳中求进。");
    assert_eq!(kinds(&v, "official")[0]["organization"], "中共中央");

    // Reporters and correspondents are not officials.
    for text in [
        "全媒体记者 张三 通讯员 李四",
        "本报记者 王五 整理",
        "（本报记者 赵六 整理）",
    ] {
        assert!(kinds(&json(text), "official").is_empty(), "{text}");
    }
}

#[test]
fn campaigns() {
    let names = |text: &str| -> Vec<String> {
        kinds(&json(text), "campaign")
            .iter()
            .map(|c| {
                format!(
                    "{} {}",
                    c["name"].as_str().unwrap_or(""),
                    c["kind_of"].as_str().unwrap_or("")
                )
            })
            .collect()
    };
    assert_eq!(
        names("全县召开“项目攻坚年”动员会。"),
        ["项目攻坚年 themed_year"]
    );
    assert_eq!(
        names("以“作风建设年”为抓手，把“作风建设年”要求落到实处。"),
        ["作风建设年 themed_year"]
    );
    assert_eq!(
        names("全镇要打赢人居环境攻坚战。"),
        ["人居环境攻坚战 battle"]
    );
    assert_eq!(
        names("西海岸新区工作会议\n积极融入新区海洋强区攻坚战。"),
        ["海洋强区攻坚战 battle"]
    );
    assert_eq!(names("全面实施企业培育行动。"), ["企业培育行动 action"]);
    assert_eq!(names("打响“百日冲刺战役”。"), ["百日冲刺战役 battle"]);
    assert_eq!(
        names("县委提出“两个率先、三个提升”总体思路。"),
        ["两个率先、三个提升 slogan"]
    );
    assert_eq!(
        names("牢记“实干、担当、奉献”三个关键词。"),
        ["实干、担当、奉献 slogan"]
    );
    assert_eq!(
        names("核心是“两个加快”：加快转型、加快开放。"),
        ["两个加快 slogan"]
    );
    assert_eq!(names("围绕“3+4+N”重点产业集群招商。"), ["3+4+N slogan"]);
    assert_eq!(
        names("深入开展“送医下乡”“书香校园”等行动。"),
        ["送医下乡行动 action", "书香校园行动 action"]
    );
    // Quotations that are not campaigns.
    for text in [
        "坚持“严谨、细致、高效”，做好服务。",
        "深刻认识“三个变化”，把握机遇。",
        "树牢“项目为王、环境为本”的鲜明导向。",
        "把思想和行动统一起来，落实到具体行动上。",
        "吹响了攻坚战斗的“集结号”。",
        "持续巩固脱贫成果。",
        "办好民生工程。",
    ] {
        assert!(names(text).is_empty(), "{text}: {:?}", names(text));
    }
}

#[test]
fn campaigns_nest() {
    let v = json(
        "全年打好招商、技改等六大攻坚战。\n一是招商攻坚战。今年要引进项目120个。\n二是技改攻坚战。",
    );
    let c = kinds(&v, "campaign");
    let row = |name: &str| {
        c.iter()
            .find(|x| x["name"] == name)
            .cloned()
            .unwrap_or(Value::Null)
    };
    assert_eq!(row("六大攻坚战")["kind_of"], "battle");
    assert_eq!(row("招商攻坚战")["parent"], "六大攻坚战");
    assert_eq!(row("招商攻坚战")["ordinal"], 1);
    assert_eq!(row("技改攻坚战")["ordinal"], 2);
    // The target is filed under the battle whose paragraph it is in.
    assert_eq!(kinds(&v, "target")[0]["campaign"], "招商攻坚战");

    let v = json("扎实推进河道清淤、道路提升、垃圾分类三大攻坚行动。");
    let c = kinds(&v, "campaign");
    assert_eq!(c.len(), 4, "{c:?}");
    assert!(c.iter().any(|x| x["name"] == "道路提升攻坚行动"
        && x["parent"] == "三大攻坚行动"
        && x["ordinal"] == 2));
}

#[test]
fn regions_from_context() {
    // "我镇" in an interview with a town's party secretary is that town.
    // Three towns are called 琅琊镇: the interviewee's county tells which.
    let text = "建设美丽滨海小镇\n——访黄岛区琅琊镇党委书记李华\n李华：今年，我镇将加快建设游客服务中心，吸纳就业1500人以上。";
    let v = json(text);
    for f in v.iter().filter(|f| f["kind"] != "official") {
        assert_eq!(f["region"], "琅琊镇", "{f}");
    }
    // In a district speech, "新区" is the district.
    let v = json("青岛西海岸高质量发展观察\n今年新区要新登记企业1.2万家。");
    assert_eq!(kinds(&v, "target")[0]["region"], "西海岸新区");
    // A place named in the phrase wins over the section's region.
    let v = json("西海岸新区工作会议\n今年自贸区要完成58项制度创新任务。");
    assert_eq!(kinds(&v, "target")[0]["region"], "自贸试验区青岛片区");
}

#[test]
fn a_fact_stated_twice_comes_out_once() {
    let line = "一季度，全镇签约落地6个项目、总投资24.8亿元。";
    let once = json(line);
    let twice = json(&format!("{line}\n{line}"));
    assert_eq!(once.len(), twice.len(), "{twice:?}");
    // The first statement's span is kept.
    assert_eq!(once[0]["span"], twice[0]["span"]);
}

#[test]
fn spans_point_into_the_original_text() {
    let text = "　　一季度，全镇签约落地６个项目、总投资24.8亿\n元，新开工3个项目。";
    for f in extract_support::facts(text) {
        let s = f.span().slice(text).expect("span inside the text");
        assert!(!s.is_empty(), "{f:?}");
    }
    let f = &extract_support::facts(text)[0];
    assert_eq!(
        f.span().slice(text).as_deref(),
        Some("签约落地６个项目、总投资24.8亿\n元")
    );
}

#[test]
fn rule_ids_become_evidence_methods() {
    let f = &extract_support::facts("明年出口要增长8%。")[0];
    assert_eq!(f.rule(), "quantity.target");
    assert_eq!(f.method().to_string(), "rule:quantity.target");
}

#[test]
fn a_work_report_reviews_the_past_and_plans_the_year() {
    let text = "　　过去一年，全县经济稳中有进。地区生产总值完成286.5亿元，同比增长5.2%；社会消费品零售总额达到98亿元。全年新增市场主体8600户。\n　　今年主要预期目标是：地区生产总值增长6%以上，粮食产量稳定在100万吨以上。";
    let v = json(text);
    let kinds_in_order: Vec<&str> = v.iter().map(|f| f["kind"].as_str().unwrap_or("")).collect();
    assert_eq!(
        kinds_in_order,
        [
            "observation",
            "observation",
            "observation",
            "observation",
            "target",
            "target"
        ],
        "{v:?}"
    );
    // "同比增长5.2%" is the growth of the figure before it.
    assert_eq!(v[1]["metric"], "地区生产总值");
    assert_eq!(v[1]["measure"], "growth");
    assert_eq!(v[5]["metric"], "粮食产量");

    let v = json("2019年，全市地区生产总值增长4.5%。");
    assert_eq!(v[0]["kind"], "observation", "a past year is an observation");
}

#[test]
fn size_classes_and_cue_words_are_not_names() {
    let v = json("力争新签约过亿元项目100个以上。");
    assert!(kinds(&v, "project").is_empty(), "{v:?}");
    assert_eq!(kinds(&v, "target")[0]["value"], 100);
    let v = json("确保风电场、乳业二期等15个项目建成投产。");
    let p = &kinds(&v, "project")[0];
    assert_eq!(p["members"], serde_json::json!(["风电场", "乳业二期"]));
    assert_eq!(p["status"], "completed");
}

#[test]
fn an_unknown_place_still_names_the_organisation() {
    // 雾隐 is no place the gazetteer knows.
    let v = json("雾隐市委书记李明出席会议。");
    let o = &kinds(&v, "official")[0];
    assert_eq!(o["organization"], "雾隐市委");
    assert_eq!(o["region"], Value::Null);
    // 平度 is known: a county-level city of 青岛市.
    let v = json("平度市委书记李明出席会议。");
    let o = &kinds(&v, "official")[0];
    assert_eq!(o["organization"], "平度市委");
    assert_eq!(
        (o["region"].as_str(), o["region_code"].as_str()),
        (Some("平度市"), Some("370283"))
    );
}
