//! Numbers, units and comparators as a corpus, in duckling's style: for each expected value,
//! many surface forms (line breaks inside the number, full-width digits, spaces, Chinese
//! numerals), and a negative corpus of sentences that must yield nothing at all.
//!
//! Every sentence here was written for this test.

mod extract_support;

use extract_support::{facts, quantities};

/// Asserts that every form yields exactly the expected quantities.
fn check(expected: &[&str], forms: &[&str]) {
    for form in forms {
        let got = quantities(form);
        assert_eq!(got, expected, "form {form:?}");
    }
}

#[test]
fn money_in_yi_yuan() {
    check(
        &["target 3710000000 yuan eq level"],
        &[
            "明年地方财政收入要达到37.1亿元。",
            "明年地方财政收入要达到37.1亿\n元。",
            "明年地方财政收入要达到37.\n1亿元。",
            "明年地方财政收入要达到３７．１亿元。",
            "明年地方财政收入要达到3 7.1亿元。",
            "明年地方财政收入要达到 37.1 亿元。",
            "明年地方财政收入要达到371000万元。",
            "明年地方财政收入要达到3710000000元。",
        ],
    );
}

#[test]
fn money_is_exact() {
    check(
        &["target 3064000000 yuan eq level"],
        &[
            "力争全年技改投入30.64亿元。",
            "力争全年技改投入3 0.64亿元。",
            "力争全年技改投入30.\n64亿元。",
        ],
    );
    check(
        &["target 500000 yuan over level"],
        &["力争每个村的经营性收入超过50万元。"],
    );
}

#[test]
fn percentages() {
    check(
        &["target 25 percent eq growth"],
        &[
            "本年度外贸进出口要增长25%。",
            "本年度外贸进出口要增长25％。",
            "本年度外贸进出口要增长２５％。",
            "本年度外贸进出口要增长2\n5%。",
            "本年度外贸进出口要增长百分之二十五。",
        ],
    );
    check(
        &["observation 21.7 percent eq share"],
        &[
            "去年全区服务业增加值占全市的21.7%。",
            "去年全区服务业增加值占全市的２１．７％。",
        ],
    );
    check(
        &["target 15 percent at_least growth"],
        &[
            "力争各项收入指标实现15%以上的增长。",
            "力争各项收入指标增长15%以上。",
        ],
    );
}

#[test]
fn chinese_and_mixed_numerals() {
    check(
        &["target 3000 人 eq level"],
        &[
            "明年要培训技术工人三千人。",
            "明年要培训技术工人3千人。",
            "明年要培训技术工人3000人。",
            "明年要培训技术工人3,000人。",
            "明年要培训技术工人三千\n人。",
            "明年要培训技术工人３０００人。",
        ],
    );
    check(
        &["target 15000 家 eq level"],
        &[
            "年内新登记企业1.5万家。",
            "年内新登记企业一万五千家。",
            "年内新登记企业1.5\n万家。",
            "年内新登记企业15000家。",
        ],
    );
    check(
        &["target 12 个 eq level"],
        &["明年要建成十二个示范社区。", "明年要建成12个示范社区。"],
    );
    check(&["target 2 个 eq level"], &["明年要推动两个产业基金落地。"]);
    check(
        &["target 800000 平米 at_least level"],
        &["展览面积要达到80万平米以上。"],
    );
}

#[test]
fn comparators() {
    let cases: &[(&str, &str)] = &[
        ("预计引进企业超过200家。", "target 200 家 over level"),
        ("预计引进企业超200家。", "target 200 家 over level"),
        ("预计引进企业突破200家。", "target 200 家 over level"),
        ("预计引进企业200余家。", "target 200 家 over level"),
        ("预计引进企业200多家。", "target 200 家 over level"),
        ("预计吸纳就业近3千余人。", "target 3000 人 about level"),
        ("预计吸纳就业约3000人。", "target 3000 人 about level"),
        ("预计吸纳就业3000人左右。", "target 3000 人 about level"),
        ("预计培育企业10家以上。", "target 10 家 at_least level"),
        ("预计培育企业不低于10家。", "target 10 家 at_least level"),
        ("预计新增用地不超过300亩。", "target 300 亩 at_most level"),
        ("预计新增用地300亩以内。", "target 300 亩 at_most level"),
        ("预计新增千余就业岗位。", "target 1000 个 over level"),
    ];
    for (text, want) in cases {
        assert_eq!(quantities(text), [*want], "{text}");
    }
}

#[test]
fn ranges_keep_both_ends() {
    let v = extract_support::json("明年要吸引人才2-3万人。");
    assert_eq!(v.len(), 1, "{v:?}");
    assert_eq!(v[0]["value"], 20000);
    assert_eq!(v[0]["value_upper"], 30000);
}

#[test]
fn targets_and_observations_by_cue() {
    check(
        &["observation 137 家 eq level"],
        &[
            "目前，全县共有银行网点137家。",
            "截至去年底，全县共有银行网点137家。",
        ],
    );
    check(
        &["observation 105600000000 yuan eq level"],
        &["去年全县工业产值1056亿元。"],
    );
    check(
        &["target 30 家 eq level"],
        &[
            "明年要落户区域总部30家。",
            "力争落户区域总部30家。",
            "确保落户区域总部30家。",
        ],
    );
    check(
        &["observation 8 个 eq level"],
        &["这批项目覆盖了新能源、康养等8个领域。"],
    );
}

/// Sentences that must yield no fact at all.
#[test]
fn negative_corpus() {
    for text in [
        "2025年是规划收官之年。",
        "一是加强基层党建。二是创新治理模式。三是完善服务体系。",
        "咨询电话：0532-86888888，传真0532-86999999。",
        "构建1+6+N产业体系，形成5+5+7产业布局。",
        "第12届国际风筝节将于4月开幕。",
        "地铁6号线年底通车。",
        "配合712所开展技术攻关。",
        "认真学习十九届五中全会精神。",
        "干部群众一马当先、千方百计、百倍努力。",
        "出台一揽子稳增长措施。",
        "6月18日召开推进会议。",
        "坚持党代会确定的六个发展定位。",
        "从做大产业、做优服务三个方面发力。",
        "作为全国百强县，要争先进位。",
        "阅读 (195046) 2023-01-28 19:09",
        "建立县、乡、村三级服务网络。",
        "上下一条心，一刻不放松，一抓到底。",
        "深刻认识“三个变化”和“三个趋势”。",
        "准备线上线下两套方案。",
        "抓住两条工作主线不放松。",
        "不让一个项目因审批耽误。",
        "近两年来，村里持续改善人居环境。",
        "第二届农民运动会圆满落幕。",
        "本报记者 张三 通讯员 李四",
    ] {
        let got = facts(text);
        assert!(got.is_empty(), "{text:?} yielded {got:?}");
    }
}
