//! A text's opening (headline and lead) and its sections: runs of paragraphs under a heading,
//! each about the place its mentions vote for.

use super::*;

/// Whether a paragraph looks like a headline, kicker or byline: short and unpunctuated.
pub(super) fn is_heading(p: &str) -> bool {
    let n = p.chars().count();
    n > 0 && n <= 40 && !p.contains(['。', '！', '？', '；', '，', ',', '：']) && !p.ends_with(':')
}

/// Where the headline ends (the first run of heading-like lines, when the text opens with one)
/// and where the lead ends (the first paragraph of running text, at most about 200 characters).
pub(super) fn opening(text: &str) -> (usize, usize) {
    let mut pos = 0;
    let mut headline_end = 0;
    let mut lead_end = 0;
    for (i, para) in text.split('\n').enumerate() {
        let end = pos + para.len();
        let p = para.trim();
        if !p.is_empty() {
            if is_heading(p) && i < 8 {
                headline_end = end;
            } else {
                let cap = pos + text::after(text, pos, end, 200).len();
                lead_end = end.min(cap);
                break;
            }
        }
        pos = end + 1;
    }
    (headline_end, lead_end.max(headline_end))
}

/// Sections: a run of headings starts one; each is about its interviewee's place, else the
/// first place its headline names, else the document's.
pub(super) fn sections(
    text: &str,
    gaz: &Gazetteer,
    raws: &[Raw],
    doc: Option<PlaceId>,
) -> Vec<Section> {
    let mut sections: Vec<Section> = Vec::new();
    let mut headers: Vec<(usize, usize)> = Vec::new();
    let mut pos = 0;
    let mut in_run = false;
    for para in text.split('\n') {
        let (start, end) = (pos, pos + para.len());
        pos = end + 1;
        if is_heading(para.trim()) {
            if !in_run {
                sections.push(Section {
                    start,
                    region: None,
                });
                headers.push((start, end));
            } else if let Some(h) = headers.last_mut() {
                h.1 = end;
            }
            in_run = true;
        } else {
            if sections.is_empty() {
                sections.push(Section {
                    start: 0,
                    region: None,
                });
                headers.push((0, 0));
            }
            in_run = false;
        }
    }
    if sections.is_empty() {
        sections.push(Section {
            start: 0,
            region: None,
        });
        headers.push((0, 0));
    }
    let starts: Vec<usize> = sections.iter().map(|s| s.start).collect();
    for (i, (s, &(h0, h1))) in sections.iter_mut().zip(&headers).enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(text.len());
        let header = text::sub(text, h0, h1);
        let in_header = |r: &&Raw| r.start >= h0 && r.end <= h1;
        let of = |a: usize, b: usize| {
            let i = raws.partition_point(|r| r.start < a);
            let j = raws.partition_point(|r| r.start < b);
            raws.get(i..j.max(i)).unwrap_or(&[])
        };
        // 1. The interviewee: 访 + a chain of names + a post.
        let mut region = header.find('访').and_then(|k| {
            let after = h0 + k + '访'.len_utf8();
            let mut at = after;
            let mut found = None;
            for r in of(h0, h1)
                .iter()
                .filter(in_header)
                .filter(|r| r.start >= after)
            {
                if r.start != at {
                    break;
                }
                found = gaz.choose(&r.cands, doc).or(found);
                at = r.end;
            }
            found
        });
        // 2. The first place the headline names as its subject.
        if region.is_none() {
            region = of(h0, h1)
                .iter()
                .filter(in_header)
                .filter(|r| r.role == Role::Subject)
                .find_map(|r| gaz.choose(&r.cands, doc));
        }
        // 3. The place the section's body votes for, when it names one clearly (a page that
        //    runs several articles).
        if region.is_none() {
            let mut votes = anchor::Votes::default();
            for r in of(h1, end).iter().filter(|r| r.end <= end) {
                if let Some(p) = gaz.choose(&r.cands, doc) {
                    votes.add(gaz, p, anchor::weight(r.role, r.start, 0, 0), r.start);
                }
            }
            region = votes.clear_winner(SECTION_MIN_VOTES);
        }
        s.region = region.or(doc);
    }
    sections
}

/// The votes a section's body must give a place to be about it rather than about the
/// document's place.
pub(super) const SECTION_MIN_VOTES: f32 = 3.0;
