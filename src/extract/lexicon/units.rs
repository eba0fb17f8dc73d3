//! Units: what may follow a number for it to be a quantity, and what the unit is reported as.
//!
//! Multipliers (万, 亿 …) belong to the number (`numbers`), so `2.5万亿斤` is the number
//! 1.3万亿 and the unit 斤. Money in yuan is reported in yuan; foreign money keeps its currency
//! as the unit (`25亿美元` → 2500000000 美元), since a rate of exchange is not the text's.

/// How a unit word reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UnitClass {
    /// Yuan; the value is multiplied by the factor (`万元` after a bare numeral).
    Yuan(i64),
    /// Percent.
    Percent,
    /// A measure word, reported as `name`.
    Word,
}

/// One unit as written.
#[derive(Debug, Clone, Copy)]
pub(crate) struct UnitWord {
    /// As written (simplified script; the text is folded before lookup).
    pub written: &'static str,
    /// As reported in `unit` (for [`UnitClass::Word`]).
    pub name: &'static str,
    pub class: UnitClass,
    /// Whether a count written in Chinese numerals may take it. `次` may not: "三次产业" and
    /// "二次开发" are words, not counts.
    pub chinese_numerals: bool,
}

const fn word(written: &'static str) -> UnitWord {
    UnitWord {
        written,
        name: written,
        class: UnitClass::Word,
        chinese_numerals: true,
    }
}

const fn renamed(written: &'static str, name: &'static str) -> UnitWord {
    UnitWord {
        written,
        name,
        class: UnitClass::Word,
        chinese_numerals: true,
    }
}

/// Every unit, longest first where one is a prefix of another (the first match wins).
pub(crate) const UNITS: &[UnitWord] = &[
    UnitWord {
        written: "亿元",
        name: "yuan",
        class: UnitClass::Yuan(100_000_000),
        chinese_numerals: true,
    },
    UnitWord {
        written: "万元",
        name: "yuan",
        class: UnitClass::Yuan(10_000),
        chinese_numerals: true,
    },
    UnitWord {
        written: "元",
        name: "yuan",
        class: UnitClass::Yuan(1),
        chinese_numerals: true,
    },
    UnitWord {
        written: "%",
        name: "percent",
        class: UnitClass::Percent,
        chinese_numerals: true,
    },
    // ℅ is the care-of sign, typed for % by input methods that offer both.
    UnitWord {
        written: "℅",
        name: "percent",
        class: UnitClass::Percent,
        chinese_numerals: true,
    },
    // Per mille is not percent: 5‰ is 0.5%. Kept as its own unit rather than rescaled, so
    // the value is the text's.
    word("‰"),
    // Percentage points: a change of a share, never a percentage of anything.
    renamed("个百分点", "百分点"),
    word("百分点"),
    word("美元"),
    word("港元"),
    word("港币"),
    word("欧元"),
    word("日元"),
    word("平方公里"),
    word("平方千米"),
    word("平方米"),
    word("立方米"),
    word("标准箱"),
    word("千瓦时"),
    word("人次"),
    word("平米"),
    word("公里"),
    word("千米"),
    word("公顷"),
    word("千瓦"),
    word("兆瓦"),
    word("公斤"),
    word("千克"),
    word("千升"),
    word("个"),
    word("家"),
    word("人"),
    word("亩"),
    word("米"),
    word("项"),
    word("艘"),
    word("座"),
    word("处"),
    word("所"),
    word("条"),
    word("件"),
    word("名"),
    word("类"),
    word("户"),
    word("台"),
    word("辆"),
    word("套"),
    word("栋"),
    word("吨"),
    word("斤"),
    word("批"),
    word("位"),
    word("间"),
    // Beds, seats: "500张". In Chinese numerals 张 is a figure of speech ("四张名片").
    UnitWord {
        written: "张",
        name: "张",
        class: UnitClass::Word,
        chinese_numerals: false,
    },
    word("株"),
    word("倍"),
    UnitWord {
        written: "次",
        name: "次",
        class: UnitClass::Word,
        chinese_numerals: false,
    },
];

/// Words that make a bare "亿"/"万" number money when they come just before it
/// ("计划投资10.91亿"): the text dropped 元.
pub(crate) const MONEY_CONTEXT: &[&str] = &[
    "投资",
    "产值",
    "税收",
    "收入",
    "资金",
    "基金",
    "营收",
    "销售额",
    "增加值",
    "总值",
];

/// The units by their first character, in [`UNITS`]' order.
static BY_FIRST: once_cell::sync::Lazy<std::collections::HashMap<char, Vec<&'static UnitWord>>> =
    once_cell::sync::Lazy::new(|| {
        let mut map: std::collections::HashMap<char, Vec<&'static UnitWord>> =
            std::collections::HashMap::new();
        for u in UNITS {
            if let Some(c) = u.written.chars().next() {
                map.entry(c).or_default().push(u);
            }
        }
        map
    });

/// The unit at the start of `s`.
pub(crate) fn unit_at(s: &str) -> Option<&'static UnitWord> {
    let c = s.chars().next()?;
    BY_FIRST
        .get(&c)?
        .iter()
        .find(|u| s.starts_with(u.written))
        .copied()
}

/// The first characters of the Chinese-numeral unit words, for the numeral scanner: a run of
/// Chinese numerals is only a number before one of these (or 余/多).
pub(crate) fn first_chars() -> impl Iterator<Item = char> {
    UNITS
        .iter()
        .filter(|u| u.chinese_numerals)
        .filter_map(|u| u.written.chars().next())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longer_units_come_first() {
        for (i, a) in UNITS.iter().enumerate() {
            for b in UNITS.iter().skip(i + 1) {
                assert!(
                    !b.written.starts_with(a.written) || b.written == a.written,
                    "{} shadows {}",
                    a.written,
                    b.written
                );
            }
        }
    }
}
