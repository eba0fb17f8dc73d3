//! Corpora for the project, official and campaign rules and for text as crawled, in duckling's
//! style: one expected reading, many surface forms; and a negative corpus of strings that must
//! yield nothing. Every sentence was written for this test; the places and people are made up.

mod extract_support;

use extract_support::{extractor, json};
use planledger::extract::Document;
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

/// `value unit` of every target and observation.
fn figures(text: &str) -> Vec<String> {
    json(text)
        .into_iter()
        .filter(|v| v["kind"] == "target" || v["kind"] == "observation")
        .map(|v| format!("{} {}", v["value"], v["unit"].as_str().unwrap_or("")))
        .collect()
}

#[test]
fn a_started_batch_keeps_its_investment() {
    let want = ["36 41800000000 started"];
    for text in [
        "今天上午，甲市36个重大项目集中开工，总投资418亿元。",
        "甲市36个重大项目集中开工,总投资418亿元。",
        "甲市集中开工重大项目36个，总投资418亿元。",
        "甲市集中开工项目共36个，总投资达418亿元。",
        "本次集中开工的36个项目，同比增长12.5%，总投资418亿元。",
        "本次集中开工项目共有36个，总投资418亿元，年度计划投资96亿元。",
        "总投资418亿元的36个重大项目今天集中开工。",
        "甲市新开工项目36个、总投资418亿\n元。",
        "甲市新開工項目36個，總投資418億元。",
        "甲市 36 个重大项目集中开工，总投资 418 亿元。",
        "甲市36个重大项目集中开工，总投资418亿元。本次集中开工的36个重大项目涵盖工业、农业等领域。",
    ] {
        assert_eq!(projects(text), want, "{text}");
        // The batch's investment is not a target or an observation of its own.
        assert!(
            !figures(text).contains(&"41800000000 yuan".to_string()),
            "{text}: {:?}",
            figures(text)
        );
    }
    // The batch's annual plan is a target of the year, not its investment.
    let v = json("本次集中开工项目共有36个，总投资418亿元，年度计划投资96亿元。");
    let t = kinds(&v, "target");
    assert!(
        t.iter()
            .any(|t| t["value"] == 9_600_000_000i64 && t["unit"] == "yuan"),
        "{v:?}"
    );
}

#[test]
fn a_batch_whose_total_sits_inside_its_noun() {
    // Count, then the total investment, then 项目: one batch with both figures and its stage.
    for (text, want) in [
        (
            "甲乙机械等15个总投资约6亿元的项目已经建成投用。",
            "15 600000000 completed about",
        ),
        (
            "丙丁物流园等15个总投资6亿元的项目正在加快建设。",
            "15 600000000 under_construction eq",
        ),
        (
            "今年，戊己材料等15个总投资近6亿元的项目成功落地。",
            "15 600000000 null about",
        ),
        (
            "全镇15个总投资6亿元项目开工建设。",
            "15 600000000 started eq",
        ),
        (
            "上半年，新开工15个总投资6亿元的重点项目。",
            "15 600000000 started eq",
        ),
        (
            "庚辛电子等15個總投資約6億元的項目已經竣工。",
            "15 600000000 completed about",
        ),
    ] {
        let p = kinds(&json(text), "project");
        let got: Vec<String> = p
            .iter()
            .map(|p| {
                format!(
                    "{} {} {} {}",
                    p["count"],
                    p["investment_yuan"],
                    p["status"].as_str().unwrap_or("null"),
                    p["comparator"].as_str().unwrap_or("null")
                )
            })
            .collect();
        assert_eq!(got, [want], "{text}");
        // The count is no figure of its own, and the total no metric.
        assert!(figures(text).is_empty(), "{text}: {:?}", figures(text));
    }
}

#[test]
fn a_batch_total_after_a_change_of_its_count() {
    // A clause saying how the count changed stands between the batch and its total.
    let want = ["42 9600000000 planned"];
    for text in [
        "全县共储备亿元以上项目42个，比上年同期增加5个，项目总投资96亿元。",
        "全县谋划储备重点项目42个，较去年增加5个，总投资96亿元。",
        "全县储备项目42个、同比减少3个，总投资达96亿元。",
    ] {
        assert_eq!(projects(text), want, "{text}");
    }
    // A second count of projects still keeps the total for itself.
    let p = projects("全县储备项目42个，开工项目17个，总投资96亿元。");
    assert!(p.contains(&"17 9600000000 started".to_string()), "{p:?}");
}

#[test]
fn a_signed_batch_with_its_signing_sum() {
    let want = ["9 5300000000 signed"];
    for text in [
        "签约仪式上，甲县9个项目完成签约，协议投资额达53亿元。",
        "甲县本次集中签约项目9个，签约金额合计53亿元。",
        "甲县成功签约项目9个、签约资金53亿元。",
        "甲县签约引进总投资53亿元的9个项目。",
        "恳谈会上，甲县成功签约9个项目，投资总金额为53亿元。",
        "甲县共计9个签约项目，签约总金额53亿元。",
    ] {
        assert_eq!(projects(text), want, "{text}");
    }
}

#[test]
fn statuses_from_stage_verbs() {
    for (text, status) in [
        ("今年全县新签约项目12个。", "signed"),
        ("今年全县新开工项目12个。", "started"),
        ("全县在建项目12个。", "under_construction"),
        ("全县竣工项目12个。", "completed"),
        ("今年全县有12个项目投产。", "in_operation"),
        ("全县谋划储备项目12个。", "planned"),
        ("全县铺排重点项目12个。", "planned"),
        ("计划6月底前开工12个项目。", "planned"),
        ("其余项目计划6月底前开工12个。", "planned"),
        ("一季度全县开复工项目12个。", "started"),
        ("今年全县计划实施重点项目12个。", "planned"),
        ("全县12个重点项目已全部开复工。", "started"),
    ] {
        let p = kinds(&json(text), "project");
        assert_eq!(p.len(), 1, "{text}: {p:?}");
        assert_eq!(p[0]["count"], 12, "{text}");
        assert_eq!(p[0]["status"], status, "{text}");
    }
}

#[test]
fn each_item_of_a_list_of_batches_has_its_own_stage() {
    let v = json("年内要抓好6个新开工项目和3个竣工投产项目。");
    let got: Vec<String> = kinds(&v, "project")
        .iter()
        .map(|p| format!("{} {}", p["count"], p["status"].as_str().unwrap_or("null")))
        .collect();
    assert_eq!(got, ["6 started", "3 in_operation"]);
    // Names before 等 in the noun of a count are its members.
    let v = json("今年已签约甲乙科技、丙丁食品等工业项目5个。");
    let p = kinds(&v, "project");
    assert_eq!(p.len(), 1, "{v:?}");
    assert_eq!(p[0]["members"], serde_json::json!(["甲乙科技", "丙丁食品"]));
    assert_eq!(p[0]["sector"], "工业");
    assert_eq!(p[0]["status"], "signed");
}

#[test]
fn parts_after_qizhong_point_at_their_batch() {
    for text in [
        "全县签约项目20个，协议投资85亿元。其中，工业项目12个，农业项目8个。",
        "全县签约项目20个，协议投资85亿元。\n其中工业项目12个；农业项目8个。",
        "全县签约项目20个，协议投资85亿元。其中工业12个，农业8个。",
    ] {
        let v = json(text);
        let p = kinds(&v, "project");
        assert_eq!(p.len(), 3, "{text}: {p:?}");
        let batch_span = p[0]["span"].clone();
        for part in &p[1..] {
            assert_eq!(part["part_of"], batch_span, "{text}: {part}");
            assert_eq!(part["status"], "signed", "{text}: {part}");
        }
        let counts: Vec<_> = p.iter().map(|x| x["count"].clone()).collect();
        assert_eq!(counts, [Value::from(20), Value::from(12), Value::from(8)]);
    }
    // Without 其中 a later batch is a batch of its own.
    let v = json("全县签约项目20个。当天，甲镇集中开工项目6个。");
    assert!(kinds(&v, "project").iter().all(|p| p["part_of"].is_null()));
}

#[test]
fn parts_in_a_list_of_sentences() {
    let text = "今年一季度集中开工的项目共有10个，总投资40亿元。\
                其中产业类6个，投资30亿元；基础设施类3个，投资8亿元；民生类1个，投资2亿元。";
    let p = kinds(&json(text), "project");
    let got: Vec<String> = p
        .iter()
        .map(|x| {
            format!(
                "{} {} {}",
                x["count"],
                x["investment_yuan"],
                x["part_of"].is_array()
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            "10 4000000000 false",
            "6 3000000000 true",
            "3 800000000 true",
            "1 200000000 true"
        ]
    );
}

#[test]
fn members_after_their_batch_in_one_sentence() {
    let text = "当天共签约项目6个，签约总金额30亿元，分别是总投资12亿元的甲乙新材料项目、\
                总投资10亿元的丙丁物流园项目、总投资8亿元的戊己食品加工项目等。";
    let p = kinds(&json(text), "project");
    assert_eq!(p.len(), 4, "{p:?}");
    assert_eq!(
        (p[0]["count"].clone(), p[0]["investment_yuan"].clone()),
        (Value::from(6), Value::from(3_000_000_000i64))
    );
    for m in &p[1..] {
        assert_eq!(m["part_of"], p[0]["span"], "{m}");
        assert_eq!(m["status"], "signed", "{m}");
    }
    assert!(figures(text).is_empty(), "{:?}", figures(text));
}

#[test]
fn members_listed_with_their_investment() {
    let text = "本次集中开工项目24个，总投资96亿元。\n\
                1.甲镇：乙丙食品加工项目，总投资5.2亿元\n\
                2.丁镇：戊己物流园项目，总投资3.1亿元";
    let v = json(text);
    let p = kinds(&v, "project");
    assert_eq!(p.len(), 3, "{p:?}");
    let batch_span = p[0]["span"].clone();
    let members: Vec<(String, i64)> = p[1..]
        .iter()
        .map(|m| {
            assert_eq!(m["part_of"], batch_span, "{m}");
            assert_eq!(m["status"], "started", "{m}");
            assert_eq!(m["count"], 1, "{m}");
            (
                m["name"].as_str().unwrap_or("").to_string(),
                m["investment_yuan"].as_i64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(
        members,
        [
            ("乙丙食品加工项目".to_string(), 520_000_000),
            ("戊己物流园项目".to_string(), 310_000_000)
        ]
    );
}

#[test]
fn counts_that_are_no_batch() {
    for text in [
        "甲区和乙区分别上榜3个项目。",
        "这8个项目要加快推进。",
        "做好13个项目的服务保障。",
    ] {
        assert!(projects(text).is_empty(), "{text}: {:?}", projects(text));
    }
    // A count a target sets, and a stock, are figures.
    for text in ["今年要引进总部项目30家。", "全区共有64个总部项目。"] {
        assert!(projects(text).is_empty(), "{text}: {:?}", projects(text));
        assert_eq!(figures(text).len(), 1, "{text}");
    }
}

/// `name title` and the titles of every post, of every official.
fn officials(text: &str) -> Vec<String> {
    kinds(&json(text), "official")
        .into_iter()
        .map(|o| {
            let posts: Vec<&str> = o["posts"]
                .as_array()
                .map(|p| p.iter().filter_map(|x| x["title"].as_str()).collect())
                .unwrap_or_default();
            format!(
                "{} {} [{}]",
                o["name"].as_str().unwrap_or(""),
                o["title"].as_str().unwrap_or(""),
                posts.join("、")
            )
        })
        .collect()
}

#[test]
fn one_official_per_mention_with_every_post() {
    let want = ["张建国 市长 [市委副书记、市长]"];
    for text in [
        "市委副书记、市长张建国出席开工仪式。",
        "市委副书记、市长张建国在会上讲话。",
        "市委副书记，市长张建国宣布项目开工。",
        "会议由市委副书记、市长张建国主持。",
    ] {
        assert_eq!(officials(text), want, "{text}");
    }
}

#[test]
fn titles_of_government_and_party_posts() {
    for (text, want) in [
        ("地委书记李向东代表地委讲话。", "李向东 地委书记"),
        ("地委副书记、行署专员王明远主持。", "王明远 行署专员"),
        ("地委委员、行署副专员刘秀英出席。", "刘秀英 行署副专员"),
        ("县委常委、常务副县长赵志强致辞。", "赵志强 常务副县长"),
        ("代县长钱文华作政府工作报告。", "钱文华 代县长"),
        ("县委副书记、代理县长孙丽主持仪式。", "孙丽 代理县长"),
        ("县政协主席周海出席签约仪式。", "周海 县政协主席"),
        ("区人大常委会主任吴刚参加。", "吴刚 区人大常委会主任"),
        ("该镇党委书记郑红要求全镇干部扎实苦干。", "郑红 党委书记"),
        ("专访某街道党工委书记冯涛。", "冯涛 党工委书记"),
        ("甲市市长 陈光明\n各位代表：", "陈光明 市长"),
        ("省委书记杨立新宣布开工。", "杨立新 省委书记"),
        ("国务院总理刘建设在报告中指出。", "刘建设 国务院总理"),
        // A family name the table lacks, set off by a comma.
        ("出席会议的有县长訾文华，以及各乡镇负责人。", "訾文华 县长"),
        // What an official does at a groundbreaking, straight after the name.
        ("县委书记张明通过视频连线宣布项目开工。", "张明 县委书记"),
        ("市长李华下达开工令。", "李华 市长"),
        ("县委书记王刚现场督导项目建设。", "王刚 县委书记"),
    ] {
        let got = officials(text);
        assert_eq!(got.len(), 1, "{text}: {got:?}");
        assert!(got[0].starts_with(want), "{text}: {got:?}");
    }
}

#[test]
fn people_who_are_no_officials() {
    for text in [
        "全媒体记者 张三 通讯员 李四",
        "责任编辑：王五",
        "签约企业代表某某科技有限公司总经理赵六发言。",
        "某集团党委书记钱七出席。",
        "某银行分行行长孙八致辞。",
        "文/图：周九",
    ] {
        assert!(officials(text).is_empty(), "{text}: {:?}", officials(text));
    }
}

/// `name kind_of` of every campaign.
fn campaigns(text: &str) -> Vec<String> {
    kinds(&json(text), "campaign")
        .into_iter()
        .map(|c| {
            format!(
                "{} {}",
                c["name"].as_str().unwrap_or(""),
                c["kind_of"].as_str().unwrap_or("")
            )
        })
        .collect()
}

#[test]
fn themed_years_however_written() {
    let want = ["创新突破年 themed_year"];
    for text in [
        "全区召开“创新突破年”动员大会。",
        "全区召开\"创新突破年\"动员大会。",
        "全区召开「创新突破年」动员大会。",
        "全区召开『创新突破年』动员大会。",
        "今年全区深入开展创新突破年活动。",
        "今年是全区的创新突破年，各项工作要再上台阶。",
    ] {
        assert_eq!(campaigns(text), want, "{text}");
    }
}

#[test]
fn battles_actions_and_programmes() {
    for (text, want) in [
        ("全力打好污染防治攻坚战。", "污染防治攻坚战 battle"),
        ("深入实施“百企帮扶”行动。", "百企帮扶 action"),
        ("全面启动“三个一批”活动。", "三个一批 action"),
        ("深入实施“千村示范”工程。", "千村示范 program"),
        ("全区实施产业链提升工程。", "产业链提升工程 program"),
        ("打好“五场硬仗”。", "五场硬仗 battle"),
        ("完成全市“百日攻坚”的任务。", "百日攻坚 battle"),
        ("推进软件产业“繁星”行动计划。", "繁星 program"),
    ] {
        assert_eq!(campaigns(text), [want], "{text}");
    }
    // Two quoted names before one activity word are two campaigns.
    assert_eq!(
        campaigns("全力推进“强链计划”和“千企升级”行动。"),
        ["强链计划 program", "千企升级 action"]
    );
}

#[test]
fn quoted_lists_before_a_campaign_word() {
    // A quoted list with 、 inside names one campaign: the list.
    for text in [
        "全县集中开展“一会战、两提升、一攻关”攻坚行动。",
        "今年实施“一会战、两提升、一攻关”专项行动。",
        "以“一会战、两提升、一攻关”行动为抓手。",
    ] {
        let got = campaigns(text);
        assert_eq!(got.len(), 1, "{text}: {got:?}");
        assert!(
            got[0].starts_with("一会战、两提升、一攻关 "),
            "{text}: {got:?}"
        );
    }
    // A chain of quotations joined by 、 names one campaign per quotation.
    assert_eq!(
        campaigns("深入开展“稳链强基”、“扩容提质”、“清源净水”攻坚行动。"),
        ["稳链强基 action", "扩容提质 action", "清源净水 action"]
    );
    assert_eq!(
        campaigns("打好“稳链强基”、“清源净水”攻坚战。"),
        ["稳链强基 battle", "清源净水 battle"]
    );
    // A quotation before a campaign name of its own stays part of that name.
    assert_eq!(
        campaigns("落实新一轮“两控两提”三年行动部署。"),
        ["两控两提三年行动 action"]
    );
    // A quoted list before an activity word, or with nothing after it, is no campaign.
    for text in [
        "组织“送戏、送书、送电影”活动。",
        "坚持“稳中求进、以进促稳”。",
        // No bounded name before the campaign word: nothing, not a fragment.
        "以昂扬状态确保三年行动开好局。",
        "全力争取三年行动取得实效。",
    ] {
        assert!(campaigns(text).is_empty(), "{text}: {:?}", campaigns(text));
    }
}

#[test]
fn words_that_name_no_campaign() {
    for text in [
        "啃下硬骨头，打赢攻坚战。",
        "打出投资和项目建设的攻势。",
        "办好民生工程。",
        "今年是全面推进各项工作的开局之年。",
        "今年是承上启下的关键一年。",
        "地区生产总值年均增长8%以上。",
        "编制“十四五”规划。",
        "坚持“两个毫不动摇”。",
    ] {
        assert!(campaigns(text).is_empty(), "{text}: {:?}", campaigns(text));
    }
}

#[test]
fn figures_as_crawled() {
    for (text, want) in [
        ("今年开工率达到77.8 %。", "77.8 percent"),
        ("今年开工率达到77.8℅。", "77.8 percent"),
        ("今年开工率达到77.8％。", "77.8 percent"),
        ("全年地区生产总值3.46 万亿元。", "3460000000000 yuan"),
        ("全年地区生产总值3.46万亿\n元。", "3460000000000 yuan"),
        ("全年地區生產總值4368.5億元。", "436850000000 yuan"),
    ] {
        assert_eq!(figures(text), [want], "{text}");
    }
}

#[test]
fn broken_script_conversion_leaves_no_pinyin() {
    let v = json("今年地區生產(chǎn)總值增長(zhǎng)6%以上。");
    let t = kinds(&v, "target");
    assert_eq!(t.len(), 1, "{v:?}");
    let metric = t[0]["metric"].as_str().unwrap_or("");
    assert!(
        // Traditional characters read as simplified ones.
        !metric.contains("ch") && metric.contains("生产总值"),
        "{metric}"
    );
}

/// Page furniture, list numbers, phone and document numbers, dates and slogans with numerals:
/// none of it is a fact.
#[test]
fn negative_corpus() {
    for text in [
        "浏览次数：8355",
        "阅读：273次",
        "时间：2025-03-07 14:47:57 来源：某某网 作者：某某 阅读：273次",
        "发布时间:2023-03-27       发布机构:市发改委       字体:[  ]",
        "3 上一篇  下一篇 4 放大 缩小 默认",
        "您现在的位置:首页 > 新闻中心 > 要闻",
        "Copyright © 2012-2024 某某网 版权所有",
        "备案号：某ICP备10011883号",
        "互联网新闻信息服务许可证：4312006003",
        "182666968.jpg",
        "第05版：要闻",
        "（无人机照片 某某社记者某某 摄）",
        "01",
        "No.2",
        "（三）",
        "联系电话：0532-86888888",
        "咨询热线 13912345678",
        "某政发〔2023〕12号",
        "索引号：E03643767/2023-622",
        "2023年10月24日 星期二",
        "2023-01-28 19:09",
        "坚持“两个毫不动摇”。",
        "编制“十四五”规划。",
        "现在时间是:2024年04月18日",
    ] {
        let v = json(text);
        assert!(v.is_empty(), "{text}: {v:?}");
    }
}

#[test]
fn furniture_around_an_article_is_kept_apart() {
    // Navigation lines around a headline do not join it; the figures read are the article's.
    let text = "版面导航\n首页 | 版面导航 | 标题导航 |\n2023年10月24日 星期二\n\
                3 上一篇 下一篇 4 放大 缩小 默认\n甲州18个重大项目开工\n\n\
                本月甲州开工重大项目18个，计划投资26亿元。";
    let facts = extractor()
        .extract(&Document::new(text).with_year(2023))
        .facts;
    let v: Vec<Value> = facts
        .iter()
        .map(|f| serde_json::to_value(f).expect("facts serialise"))
        .collect();
    let p = kinds(&v, "project");
    assert_eq!(
        p.len(),
        1,
        "the headline and the body state one batch: {v:?}"
    );
    assert_eq!(p[0]["count"], 18);
    assert_eq!(p[0]["status"], "started");
    for f in &v {
        for field in ["metric", "name"] {
            let s = f[field].as_str().unwrap_or("");
            assert!(!s.contains("导航") && !s.contains("上一篇"), "{f}");
        }
    }
}
