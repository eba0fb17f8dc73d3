//! The edges of a metric: which words around a figure are not part of the noun phrase it
//! measures.
//!
//! A metric is read from the words before the figure (in its phrase, after the previous figure
//! or list separator): time words and place names go, then the words in [`LEAD`] from the front
//! and [`TAIL`] from the end, until nothing changes. What is left must be a noun phrase: when it
//! is empty or only a word of [`NOT_A_METRIC`], the metric comes from the noun after the unit
//! ("4所学校") or from the figure before it ("地区生产总值860亿元，增长5.1%").

use crate::extract::lexicon::table::word_tables;

/// The word lists of this module, in `data/lexicon/metric_words.txt` (each table described there).
const SRC: &str = include_str!("../../../data/lexicon/metric_words.txt");

word_tables!(SRC, "metric_words.txt": SCOPE, LEAD, TAIL = tail + change_verbs,
    NOT_A_METRIC = not_a_metric + change_verbs, REPORTING_VERBS, ACTION_VERBS, COMPARISON_STARTS, RESTART, SUBJECTS, STOCK, NOUN_STOPS, OBJECT_VERBS,
    STAGE_VERBS, LIST_OF_METRICS, SHARE_WHOLE_ENDS, PROGRESS_WHOLES);

/// Verbs that may open a metric read from the noun after the unit ("引进8家企业" →
/// 引进互联网企业 is still a clean metric; longer verb phrases are dropped).
pub(crate) const SHORT_VERB_MAX_CHARS: usize = 4;

/// The word that distributes figures over a list before it ("A、B分别增长5%和6%").
pub(crate) const RESPECTIVELY: &str = "分别";

/// 城乡 before an indicator distributes over 城镇 and 农村, in that order.
pub(crate) const URBAN_RURAL: (&str, [&str; 2]) = ("城乡", ["城镇", "农村"]);
