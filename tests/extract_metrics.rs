//! The indicator table as a corpus: every name and synonym of every indicator names that
//! indicator, on its own, behind scope words, in traditional script, and in a sentence the
//! extractor reads; and phrases that only look like an indicator name none.

mod extract_support;

use extract_support::json_dated;
use planledger::extract::metrics::{self, canonical};

fn names(m: &metrics::MetricDef) -> Vec<&'static str> {
    std::iter::once(m.name)
        .chain(m.synonyms.iter().copied())
        .collect()
}

#[test]
fn every_name_resolves_to_its_indicator() {
    assert!(metrics::all().len() >= 60);
    for m in metrics::all() {
        assert_eq!(metrics::by_key(m.key).map(|d| d.name), Some(m.name));
        for n in names(m) {
            for form in [
                n.to_string(),
                format!("全市{n}"),
                format!("区级{n}"),
                format!("全社会{n}"),
                format!("某某县{n}"),
                format!("“{n}”"),
            ] {
                assert_eq!(
                    canonical(&form).map(|d| d.key),
                    Some(m.key),
                    "{form} should name {}",
                    m.key
                );
            }
        }
    }
}

#[test]
fn abbreviations_and_scripts() {
    for (text, key) in [
        ("GDP", "gdp"),
        ("gdp", "gdp"),
        ("固投", "fixed_asset_investment"),
        ("社消零", "retail_sales"),
        ("规上工业增加值", "industrial_va_above_scale"),
        ("外贸进出口", "foreign_trade"),
        ("CPI", "cpi"),
        ("生產總值", "gdp"),
        ("生產(chǎn)總值", "gdp"),
        ("一般公共預算收入", "general_budget_revenue"),
        ("社會消費品零售總額", "retail_sales"),
        ("實際使用外資", "fdi"),
    ] {
        assert_eq!(canonical(text).map(|m| m.key), Some(key), "{text}");
    }
}

#[test]
fn modifiers_that_make_another_indicator() {
    for (text, key) in [
        ("人均地区生产总值", Some("gdp_per_capita")),
        ("海洋生产总值", Some("marine_gdp")),
        ("规上工业增加值", Some("industrial_va_above_scale")),
        ("工业增加值", Some("industrial_va")),
        ("高技术制造业增加值", Some("hitech_manufacturing_va")),
        ("城镇居民人均可支配收入", Some("urban_disposable_income")),
        ("农村居民人均可支配收入", Some("rural_disposable_income")),
        ("新增市场主体", Some("new_market_entities")),
        ("市场主体", Some("market_entities")),
        ("旅游业税收", None),
        ("工业投资增长", None),
        ("民营经济增加值占比", None),
        ("", None),
        ("全市", None),
    ] {
        assert_eq!(canonical(text).map(|m| m.key), key, "{text}");
    }
}

#[test]
fn keys_are_stable_identifiers() {
    // The ledger stores these keys: a few pinned here so that a rename of the table's rows
    // cannot pass unnoticed.
    for (key, name) in [
        ("gdp", "地区生产总值"),
        ("general_budget_revenue", "一般公共预算收入"),
        ("fixed_asset_investment", "固定资产投资"),
        ("industrial_va_above_scale", "规模以上工业增加值"),
        ("retail_sales", "社会消费品零售总额"),
        ("foreign_trade", "进出口总额"),
        ("fdi", "实际使用外资"),
        ("urban_new_jobs", "城镇新增就业"),
        ("urban_unemployment", "城镇调查失业率"),
        ("cpi", "居民消费价格"),
        ("disposable_income", "居民人均可支配收入"),
        ("grain_output", "粮食产量"),
        ("energy_intensity", "单位地区生产总值能耗"),
        ("rd_intensity", "研发经费投入强度"),
        ("tax_revenue", "税收收入"),
        ("tourist_arrivals", "接待游客"),
        ("tourism_revenue", "旅游收入"),
        ("investment_attraction", "招商引资"),
    ] {
        assert_eq!(metrics::by_key(key).map(|m| m.name), Some(name), "{key}");
    }
    for m in metrics::all() {
        assert!(
            m.key
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
            "{}",
            m.key
        );
    }
}

/// Each name in a sentence the extractor reads comes out under the indicator's key.
#[test]
fn every_name_in_a_sentence() {
    let mut failures = Vec::new();
    for m in metrics::all() {
        for n in names(m) {
            let text = format!("今年全市{n}力争达到120。");
            // A bare figure has no unit: give each indicator one it can take.
            let text = text.replace("120", "120万人");
            let v = json_dated(&text, "2023-03-01");
            let got = v
                .iter()
                .find(|f| f["kind"] == "target")
                .and_then(|f| f["metric_key"].as_str());
            if got != Some(m.key) {
                failures.push(format!("{text} → {got:?}, want {}", m.key));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
