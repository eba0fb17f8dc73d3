//! Targets and observations as corpora, in duckling's style: for each rule family one expected
//! reading and many surface forms, and a negative corpus that must yield no figure at all.
//!
//! A reading is `kind metric measure value unit comparator year`. Every sentence here was
//! written for this test; none comes from an article.

mod extract_support;

use extract_support::{figures, json_dated};

/// Asserts that every form, published on `date`, yields exactly `expected`.
fn check(date: &str, expected: &[&str], forms: &[&str]) {
    for form in forms {
        assert_eq!(figures(form, date), expected, "form {form:?}");
    }
}

const DATE: &str = "2023-03-10";

#[test]
fn canonical_metrics_from_their_synonyms() {
    check(
        DATE,
        &["target 地区生产总值 growth 6.5 percent about 2023"],
        &[
            "今年全市地区生产总值要增长6.5%左右。",
            "今年全市GDP力争增长6.5%左右。",
            "今年区内生产总值预期增长6.5%左右。",
            "全县生产总值今年要增长6.5%左右。",
            "今年，我县国内生产总值增长6.5%左右。",
            "今年全區生產總值要增長6.5%左右。",
            "今年全縣國內生產總值增長預期目標為6.5%左右。",
        ],
    );
    check(
        DATE,
        &["target 固定资产投资 growth 9 percent at_least 2023"],
        &[
            "今年固定资产投资要增长9%以上。",
            "今年全社会固定资产投资力争增长9%以上。",
            "今年固投增长9%以上。",
            "今年固投增速不低于9%。",
        ],
    );
    check(
        DATE,
        &["target 社会消费品零售总额 growth 7 percent eq 2023"],
        &[
            "今年社会消费品零售总额要增长7%。",
            "今年社消零增长7%。",
            "今年社会消费品零售额增长7%。",
        ],
    );
    check(
        DATE,
        &["target 规模以上工业增加值 growth 8 percent about 2023"],
        &[
            "今年规模以上工业增加值增长8%左右。",
            "今年规上工业增加值增长8%左右。",
        ],
    );
    check(
        DATE,
        &["target 一般公共预算收入 growth 4.5 percent eq 2023"],
        &[
            "今年一般公共预算收入增长4.5%。",
            "今年地方一般公共预算收入增长4.5%。",
            "今年区级一般公共预算收入增长4.5%。",
            "今年一般公共預算收入增長4.5%。",
        ],
    );
    check(
        DATE,
        &["target 进出口总额 growth 4 percent eq 2023"],
        &[
            "今年外贸进出口增长4%。",
            "今年进出口总额增长4%。",
            "今年全市外贸进出口总额增长4%。",
        ],
    );
    check(
        DATE,
        &["target 城镇新增就业 level 12000 人 at_least 2023"],
        &["今年城镇新增就业1.2万人以上。", "今年新增就业1.2万人以上。"],
    );
    check(
        DATE,
        &["target 居民消费价格 growth 2.5 percent about 2023"],
        &[
            "今年居民消费价格涨幅控制在2.5%左右。",
            "今年CPI涨幅2.5%左右。",
            "今年居民消费价格上涨2.5%左右。",
        ],
    );
    check(
        DATE,
        &["target 城镇调查失业率 level 5 percent at_most 2023"],
        &[
            "今年城镇调查失业率控制在5%以内。",
            "今年调查失业率不超过5%。",
        ],
    );
}

#[test]
fn metrics_the_table_does_not_know_are_noun_phrases() {
    // A modifier that makes another indicator keeps the phrase as written.
    check(
        DATE,
        &["target 旅游业税收 growth 15 percent eq 2023"],
        &[
            "今年旅游业税收要增长15%。",
            "今年全县旅游业税收力争增长15%。",
        ],
    );
    // The noun after a count, with the short verb before it that says what is counted.
    check(
        DATE,
        &["target 新建幼儿园 level 6 所 eq 2023"],
        &["今年要新建6所幼儿园。", "今年将新建6所幼儿园。"],
    );
    check(
        DATE,
        &["target 幼儿园 level 6 所 eq 2023"],
        &["今年全县幼儿园要达到6所。"],
    );
    // A verb of action before the noun goes; a flow marker (新建, 新增) stays.
    check(
        DATE,
        &["target 就业岗位 level 1200 个 eq 2023"],
        &["今年要提供1200个就业岗位。", "今年要提供就业岗位1200个。"],
    );
    check(
        DATE,
        &["target 新锐互联网企业 level 15 家 eq 2023"],
        &[
            "今年要培育新锐互联网企业15家。",
            "今年力争引进新锐互联网企业15家。",
        ],
    );
    // The noun before the count.
    check(
        DATE,
        &["target 科技型中小企业 level 300 家 at_least 2023"],
        &[
            "今年科技型中小企业要达到300家以上。",
            "今年全区科技型中小企业力争达到300家以上。",
        ],
    );
    check(
        DATE,
        &["target 新增病床 level 800 张 at_least 2023"],
        &["今年新增病床800张以上。", "今年新增病床 800 张 以上。"],
    );
}

#[test]
fn a_change_takes_the_metric_of_the_figure_before_it() {
    check(
        "2024-02-01",
        &[
            "observation 地区生产总值 level 41200000000 yuan eq 2023",
            "observation 地区生产总值 growth 6.2 percent eq 2023",
        ],
        &[
            "2023年，全县地区生产总值412亿元，增长6.2%。",
            "2023年，全县地区生产总值412亿元，同比增长6.2%。",
            "2023年，全县地区生产总值412亿元，比上年增长6.2%。",
            "2023年全县地区生产总值达到412亿元、增长6.2%。",
            // How the growth was computed is an adverbial, not what it measures.
            "2023年，全县地区生产总值412亿元，按可比价格计算增长6.2%。",
            "2023年，全县地区生产总值412亿元，按可比价计算比上年增长6.2%。",
            "2023年，全县地区生产总值412亿元，扣除价格因素同比增长6.2%。",
        ],
    );
    // A stock after a flow is the stock of the same thing, without 新增.
    check(
        "2024-02-01",
        &[
            "observation 新增市场主体 level 11000 户 eq 2023",
            "observation 市场主体 level 86000 户 eq 2023",
        ],
        &["2023年新增市场主体1.1万户，累计8.6万户。"],
    );
}

#[test]
fn figures_after_a_label_and_a_colon() {
    check(
        DATE,
        &[
            "target 地区生产总值 growth 6 percent about 2023",
            "target 固定资产投资 growth 7 percent about 2023",
            "target 研发经费投入强度 share 2.8 percent eq 2023",
        ],
        &[
            "今年主要预期目标：\n地区生产总值增长：6%左右\n固定资产投资增长：7%左右\n研发投入强度：达到2.8%",
            "今年主要预期目标包括：- **地区生产总值增长**：6%左右- **固定资产投资增长**：7%左右- **研发投入强度**：达到2.8%",
        ],
    );
}

/// A comparison with an earlier period names nothing; under a plan it is a planned change.
#[test]
fn a_comparison_names_nothing() {
    check(
        DATE,
        &[
            "target 赤字规模 level 520000000000 yuan eq 2023",
            "target 赤字规模 growth 30000000000 yuan eq 2023",
        ],
        &["今年赤字规模拟按5200亿元安排，比上年年初预算增加300亿元。"],
    );
    check(
        DATE,
        &["target 赤字率 share 3 percent eq 2023"],
        &["今年赤字率拟按3%安排。"],
    );
}

#[test]
fn figures_distributed_over_a_list() {
    check(
        DATE,
        &[
            "target 城镇居民人均可支配收入 growth 6 percent about 2023",
            "target 农村居民人均可支配收入 growth 7 percent at_least 2023",
        ],
        &[
            "今年城乡居民人均可支配收入力争分别增长6%左右和7%以上。",
            "今年，全市城乡居民人均可支配收入要分别增长6%左右、7%以上。",
        ],
    );
    check(
        DATE,
        &[
            "target 工业总产值 growth 10 percent eq 2023",
            "target 税收收入 growth 12 percent eq 2023",
        ],
        &["今年工业总产值、税收收入分别增长10%、12%。"],
    );
}

#[test]
fn measures() {
    // A share of a whole.
    check(
        "2024-02-01",
        &["observation 服务业增加值占地区生产总值比重 share 52 percent eq 2023"],
        &["2023年，服务业增加值占地区生产总值比重达到52%。"],
    );
    // Rising to a figure is the new level, not a growth.
    check(
        DATE,
        &["target 常住人口城镇化率 share 65 percent eq 2023"],
        &[
            "今年常住人口城镇化率要提高到65%。",
            "今年城镇化率提升至65%。",
        ],
    );
    // A decline is a negative growth; its bound flips.
    check(
        DATE,
        &["target 单位地区生产总值能耗 growth -3.5 percent eq 2023"],
        &[
            "今年单位GDP能耗下降3.5%。",
            "今年单位地区生产总值能耗要降低3.5%。",
            "今年单位GDP能耗压减3.5%。",
        ],
    );
    check(
        DATE,
        &["target 化学需氧量排放总量 growth -2 percent eq 2023"],
        &["今年化学需氧量排放总量削减2%。"],
    );
    check(
        DATE,
        &["target 单位地区生产总值能耗 growth -3 percent at_most 2023"],
        &["今年单位GDP能耗下降3%以上。"],
    );
    // An absolute increase is a growth in the figure's own unit.
    check(
        "2024-02-01",
        &["observation 高新技术企业 growth 12 家 eq 2023"],
        &["2023年全县高新技术企业比上年增加12家。"],
    );
    // Percentage points change a share.
    check(
        DATE,
        &["target 森林覆盖率 share 2 百分点 eq 2023"],
        &["今年森林覆盖率提高2个百分点。"],
    );
    // A multiple is a growth.
    check(
        "2024-04-20",
        &["observation 招商引资 growth 2 倍 eq 2024"],
        &["一季度，招商引资到位资金是去年同期的2倍。"],
    );
}

#[test]
fn comparators_and_ranges() {
    for (text, want) in [
        ("今年固投增长9%以上。", "at_least"),
        ("今年固投增长不低于9%。", "at_least"),
        ("今年固投增长超过9%。", "over"),
        ("今年固投增长突破9%。", "over"),
        ("今年固投增长9%左右。", "about"),
        ("今年固投增长约9%。", "about"),
        ("今年固投增长近9%。", "about"),
        ("今年固投增长控制在9%以内。", "at_most"),
        ("今年固投增长不超过9%。", "at_most"),
    ] {
        let v = json_dated(text, DATE);
        assert_eq!(v.len(), 1, "{text}: {v:?}");
        assert_eq!(v[0]["comparator"], want, "{text}");
        assert_eq!(v[0]["value"], 9, "{text}");
    }
    // A range keeps both ends, with the unit written once or twice.
    for text in [
        "今年地区生产总值增长6%—6.5%。",
        "今年地区生产总值增长6%-6.5%。",
        "今年地区生产总值增长6%至6.5%。",
        "今年地区生产总值增长6-6.5%。",
    ] {
        let v = json_dated(text, DATE);
        assert_eq!(v.len(), 1, "{text}: {v:?}");
        assert_eq!(
            (v[0]["value"].as_f64(), v[0]["value_upper"].as_f64()),
            (Some(6.0), Some(6.5)),
            "{text}"
        );
    }
    // A bare multiplier after a comparator is a number.
    check(
        "2024-02-01",
        &["observation 金融业增加值 level 100000000000 yuan over 2023"],
        &[
            "2023年，全区金融业增加值超千亿元。",
            "2023年，全区金融业增加值突破千亿元。",
        ],
    );
    check(
        "2024-02-01",
        &["observation 固定资产投资 level 1000000000000 yuan about 2023"],
        &["2023年，全市固定资产投资近万亿元。"],
    );
    // Foreign money keeps its currency; multipliers apply.
    check(
        "2024-02-01",
        &["observation 实际使用外资 level 2500000000 美元 eq 2023"],
        &["2023年，全市实际使用外资25亿美元。"],
    );
}

#[test]
fn explicit_years_and_periods_beat_the_document_date() {
    // A plan for next year published at the end of this one.
    check(
        "2022-12-28",
        &["target 地区生产总值 growth 6 percent about 2023"],
        &[
            "2023年主要预期目标：地区生产总值增长6%左右。",
            "2023年全县发展的主要预期目标是：地区生产总值增长6%左右。",
            "2023年全市工作的总体要求是稳中求进。\n主要预期目标是：地区生产总值增长6%左右。",
        ],
    );
    // Last year's results in this year's report.
    check(
        "2023-02-10",
        &["observation 地区生产总值 growth 3.1 percent eq 2022"],
        &[
            "2022年，全市地区生产总值增长3.1%。",
            "去年，全市地区生产总值增长3.1%。",
            "全市地区生产总值2022年增长3.1%。",
            "2022年全市经济稳中有进。地区生产总值增长3.1%。",
            // The year as official documents write it, or typed with ASCII zeros.
            "二〇二二年，全市地区生产总值增长3.1%。",
            "二0二二年，全市地区生产总值增长3.1%。",
        ],
    );
    // 今年 in a paragraph after one on last year's results: this year's again.
    check(
        "2023-02-10",
        &[
            "observation 地区生产总值 growth 3.1 percent eq 2022",
            "target 城镇调查失业率 level 5.5 percent eq 2023",
        ],
        &["2022年，全市地区生产总值增长3.1%。\n今年全市城镇调查失业率5.5%。"],
    );
    check(
        "2023-02-10",
        &["observation 财政收入 level 920000000 yuan eq 2022"],
        &["2022年，全县财政收入预计完成9.2亿元。"],
    );
    // Sections: a review and a plan, each under its heading.
    check(
        "2023-02-10",
        &[
            "observation 地区生产总值 growth 3.1 percent eq 2022",
            "observation 城镇新增就业 level 21000 人 eq 2022",
            "target 地区生产总值 growth 6 percent about 2023",
            "target 城镇新增就业 level 20000 人 at_least 2023",
        ],
        &[
            "一、2022年工作回顾\n地区生产总值增长3.1%。\n城镇新增就业2.1万人。\n二、2023年主要目标\n地区生产总值增长6%左右。\n城镇新增就业2万人以上。",
            "2022年工作回顾\n\n● 地区生产总值增长3.1%\n\n● 城镇新增就业2.1万人\n\n2023年主要预期目标\n\n● 地区生产总值增长6%左右\n\n● 城镇新增就业2万人以上",
        ],
    );
    // A period that is over by the document's date reports results.
    check(
        "2023-08-15",
        &["observation 固定资产投资 level 8600000000 yuan eq 2023"],
        &[
            "1至7月，全县完成固定资产投资86亿元。",
            "今年1—7月，全县固定资产投资86亿元。",
            "前7月，全县固定资产投资达到86亿元。",
            "今年上半年全县固定资产投资86亿元。",
            "二季度，全县固定资产投资86亿元。",
        ],
    );
    // An estimate in a period that is over is an outturn; ahead, it is a target.
    check(
        "2023-08-15",
        &["observation 完成投资 level 9200000000 yuan eq 2023"],
        &["1至7月，全县新开工项目30个；预计完成投资92亿元。"],
    );
    // Under a review heading, an estimate is the year's outturn.
    check(
        "2023-01-10",
        &["observation 地区生产总值 level 39100000000 yuan eq 2023"],
        &["本年工作回顾\n\n预计实现地区生产总值391亿元。"],
    );
    check(
        DATE,
        &["target 年税收 level 300000000 yuan over 2023"],
        &["这批项目投产后，预计年税收超3亿元。"],
    );
    // A comparison base sets no year.
    check(
        "2023-02-10",
        &["target 工业投资 growth 12 percent eq 2023"],
        &[
            "今年工业投资要比2021年增长12%。",
            "今年工业投资要比去年增长12%。",
        ],
    );
    // Several years: no single year.
    check(
        DATE,
        &["target 地区生产总值 growth 7 percent at_least null"],
        &[
            "未来五年，地区生产总值年均增长7%以上。",
            "今后五年的目标是：地区生产总值年均增长7%以上。",
        ],
    );
    // As of a date: an observation of that date's year.
    check(
        "2023-02-10",
        &["observation 市场主体 level 400000 户 eq 2022"],
        &[
            "截至2022年底，全区市场主体达到40万户。",
            "截至去年底，全区市场主体40万户。",
        ],
    );
}

#[test]
fn cue_words_tell_targets_from_observations() {
    for text in [
        "力争全年引进外资企业30家。",
        "确保全年引进外资企业30家。",
        "今年要引进外资企业30家。",
        "今年将引进外资企业30家。",
        "今年计划引进外资企业30家。",
        "全年目标是引进外资企业30家。",
        "今年预计引进外资企业30家。",
        "督促已签约的30家外资企业年内开工。",
    ] {
        let v = json_dated(text, DATE);
        assert_eq!(v.len(), 1, "{text}: {v:?}");
        assert_eq!(v[0]["kind"], "target", "{text}: {v:?}");
    }
    for text in [
        "全区已引进外资企业30家。",
        "全区累计引进外资企业30家。",
        "目前，全区共有外资企业30家。",
        "截至目前，全区拥有外资企业30家。",
        "今年以来，全区引进了外资企业30家。",
        "要充分发挥30家外资企业的带动作用。",
        "要用好20亿元产业引导基金。",
    ] {
        let v = json_dated(text, DATE);
        assert_eq!(v.len(), 1, "{text}: {v:?}");
        assert_eq!(v[0]["kind"], "observation", "{text}: {v:?}");
    }
    // 同比 compares with last year: an observation, unless a target cue governs it.
    assert_eq!(
        json_dated("一季度工业用电量同比增长8%。", "2023-05-01")[0]["kind"],
        "observation"
    );
    assert_eq!(
        json_dated("力争工业用电量同比增长8%。", DATE)[0]["kind"],
        "target"
    );
    // 争取 + a noun is "obtain": the funds obtained so far this year are a result.
    let v = json_dated("今年以来，争取上级资金2亿元。", DATE);
    assert_eq!(v[0]["kind"], "observation", "{v:?}");
}

#[test]
fn a_figure_named_only_when_restated_takes_the_later_name() {
    let v = json_dated(
        "全区必须实现增长12%的目标。我们锚定“完成投资860亿元、增长12%”的目标推进项目。",
        DATE,
    );
    let t: Vec<_> = v.iter().filter(|f| f["kind"] == "target").collect();
    assert_eq!(t.len(), 2, "{v:?}");
    assert_eq!(
        (t[0]["metric"].as_str(), t[0]["measure"].as_str()),
        (Some("完成投资"), Some("growth"))
    );
    // The first statement's span is kept.
    assert!(t[0]["span"][0].as_u64() < Some(10), "{v:?}");
    assert_eq!(t[1]["value"], 86_000_000_000i64);
}

#[test]
fn project_figures_stay_with_the_project_rules() {
    for text in [
        "总投资25亿元的8个重点项目集中开工。",
        "全县新开工项目36个，总投资48亿元。",
        "本次签约项目9个，签约金额合计45亿元。",
        "11个项目集中签约，协议投资额达45亿元。",
        "今年实施千万元以上重点项目12项。",
        "其中新建5项、续建7项。",
    ] {
        let got: Vec<_> = json_dated(text, DATE)
            .into_iter()
            .filter(|f| f["kind"] == "target" || f["kind"] == "observation")
            .collect();
        assert!(got.is_empty(), "{text}: {got:?}");
    }
    // A count of projects a commitment governs is a target number of projects.
    check(
        DATE,
        &["target 新开工项目 level 50 个 at_least 2023"],
        &["力争全年新开工项目50个以上。"],
    );
    // Investment figures that are not a project's size are figures.
    check(
        DATE,
        &["target 年度计划投资 level 3600000000 yuan eq 2023"],
        &[
            "此次开工的12个项目，年度计划投资36亿元。",
            "12个项目年度投资36亿元。",
        ],
    );
}

#[test]
fn counts_that_are_not_figures() {
    for text in [
        "本次活动共设8个分会场。",
        "抽调30名骨干力量组成专班。",
        "11个地市主要负责同志汇报了工作。",
        "位列全省23个开发区前三名。",
        "全县经济总量居全省80个县第一位。",
        "东区是三个园区中规模最大的。",
        "完善供水、供电、道路和通信四个。",
        "深化提升四张名片。",
        "需要跨越两个台阶。",
    ] {
        let got: Vec<_> = json_dated(text, DATE)
            .into_iter()
            .filter(|f| f["kind"] == "target" || f["kind"] == "observation")
            .collect();
        assert!(got.is_empty(), "{text}: {got:?}");
    }
}

/// Sentences with numerals that state no target or observation.
#[test]
fn negative_corpus() {
    for text in [
        "2025年是规划收官之年。",
        "2023年1月28日，市委召开全会。",
        "1.加强组织领导 2.强化要素保障 3.严格督导考核",
        "（一）稳定经济增长。（二）扩大有效投资。",
        "咨询电话：0531-82345678，邮编250001。",
        "服务热线12345全天受理。",
        "鲁政发〔2023〕5号",
        "文号：青政办字〔2022〕18号",
        "索引号：11370200MB1234567X/2023-00012",
        "实施“1+6+N”产业提升行动。",
        "打好“五场硬仗”，推进“三个一批”。",
        "坚持“两学一做”常态化。",
        "阅读：273次",
        "浏览次数：8355",
        "点击 1.2万 次",
        "积分：120",
        "发布时间：2023-03-27 09:30",
        "第30届国际啤酒节开幕。",
        "地铁3号线年底通车。",
        "前10名企业获得表彰。",
        "推进三次产业协调发展。",
        "召开十四届人大一次会议。",
        "建设5G基站。",
        "打造4A级景区。",
        "3岁以下婴幼儿。",
    ] {
        let got: Vec<_> = json_dated(text, DATE)
            .into_iter()
            .filter(|f| f["kind"] == "target" || f["kind"] == "observation")
            .collect();
        assert!(got.is_empty(), "{text:?} yielded {got:?}");
    }
}

#[test]
fn every_figure_carries_its_metric_as_written_and_its_key() {
    let v = json_dated("今年全市GDP力争增长6%。", DATE);
    assert_eq!(v[0]["metric"], "地区生产总值");
    assert_eq!(v[0]["metric_text"], "GDP");
    assert_eq!(v[0]["metric_key"], "gdp");
    let v = json_dated("今年旅游业税收要增长15%。", DATE);
    assert_eq!(v[0]["metric_text"], "旅游业税收");
    assert!(v[0].get("metric_key").is_none(), "{v:?}");
}

/// No figure's metric is a verb, a cue word or empty.
#[test]
fn metrics_are_never_verbs_or_fragments() {
    let text = "去年全县地区生产总值412亿元，增长6.2%；一般公共预算收入完成31亿元，同比增长4%。\
今年要实现增长7%，完成投资增长10%以上，新增市场主体8000户、累计达到9万户。";
    for f in json_dated(text, DATE) {
        let m = f["metric"].as_str().unwrap_or("");
        assert!(
            !m.is_empty()
                && ![
                    "增长",
                    "同比",
                    "比上年",
                    "累计",
                    "完成",
                    "实现",
                    "新增",
                    "达到"
                ]
                .contains(&m),
            "{f}"
        );
    }
}

/// Progress toward the year's target is a share achieved: 完成 governs the target word, which
/// is then no cue. (The metric of these forms is still read badly: "年度" is what is left
/// once 目标 is stripped; only the reading is asserted here.)
#[test]
fn progress_toward_a_target_is_an_observation() {
    for form in [
        "1-9月，全县固定资产投资完成年度目标的90.8%。",
        "1-9月完成年度目标90.8%。",
        "1-9月完成目标任务的90.8%。",
    ] {
        let got = json_dated(form, "2022-10-20");
        let kinds: Vec<&str> = got.iter().filter_map(|v| v["kind"].as_str()).collect();
        assert_eq!(kinds, ["observation"], "{form}: {got:?}");
        assert_eq!(got[0]["measure"], "share", "{form}");
        assert_eq!(got[0]["value"], 90.8, "{form}");
    }
}

#[test]
fn a_progress_share_measures_the_target_it_is_of() {
    for (form, metric) in [
        ("截至9月底，累计完成年度目标87.5%。", "年度目标"),
        ("前三季度实现全年计划的87.5%。", "全年计划"),
        ("今年以来完成全年任务87.5%。", "全年任务"),
    ] {
        let got = json_dated(form, "2024-10-20");
        assert_eq!(got.len(), 1, "{form}: {got:?}");
        assert_eq!(got[0]["kind"], "observation", "{form}");
        assert_eq!(got[0]["measure"], "share", "{form}");
        assert_eq!(got[0]["metric"], metric, "{form}");
    }
}

#[test]
fn a_figure_that_met_the_target_is_an_outturn() {
    // In a review, "…X, reaching the target set at the start of the year" reports the year
    // under review; the target cue after the figure is the object of 达到/完成/实现.
    check(
        "2024-02-20",
        &["observation 一般公共预算收入 level 830000000 yuan eq 2023"],
        &[
            "2023年，全县完成一般公共预算收入8.3亿元，达到年初预定目标。",
            "2023年，全县完成一般公共预算收入8.3亿元，完成年初确定的目标任务。",
            "2023年，全县一般公共预算收入8.3亿元，实现了年初既定目标。",
            "2023年，全县一般公共预算收入达到8.3亿元，超额完成年度目标。",
        ],
    );
    // A target cue that is not the object of such a verb still makes a target.
    check(
        "2024-02-20",
        &["target 一般公共预算收入 level 830000000 yuan eq 2024"],
        &["今年全县一般公共预算收入8.3亿元，确保实现目标。"],
    );
}
