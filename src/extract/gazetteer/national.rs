//! The national gazetteer: the bundled division table under 中国, with the overlays and renames
//! laid over it, built once per process.

use super::{Gazetteer, NameForm, Place, PlaceId};
use crate::model::RegionKind;
use crate::reference::overlay::{
    parent_code, parse_overlay, parse_renames, OverlayEntry, NATIONAL_OVERLAY, QINGDAO,
};
use once_cell::sync::Lazy;
use std::collections::HashMap;
use std::sync::Arc;

static NATIONAL: Lazy<Arc<Gazetteer>> = Lazy::new(|| Arc::new(build()));

pub(super) fn shared() -> Arc<Gazetteer> {
    Arc::clone(&NATIONAL)
}

fn build() -> Gazetteer {
    let mut g = Gazetteer::new();
    g.add(Place::new("中国", RegionKind::Country).with_alias("中华人民共和国"));
    g.add_divisions(crate::divisions::national());
    // The bundled files are checked by the crate's tests; should one fail to parse in a build,
    // the gazetteer goes without it rather than failing every extraction.
    for (json, what) in [
        (NATIONAL_OVERLAY, "overlay.json"),
        (QINGDAO, "regions.json"),
    ] {
        if let Ok(entries) = parse_overlay(json, what) {
            apply_overlay(&mut g, &entries);
        }
    }
    if let Ok(renames) = parse_renames() {
        for r in renames {
            let Some(id) = g.by_code(r.code.as_str()) else {
                continue;
            };
            if g.place(id).is_some_and(|p| p.name == r.name) {
                g.add_former_name(id, &r.former, r.changed, Some(r.source));
            }
        }
    }
    g
}

/// Lays overlay entries over the gazetteer: an entry with a known code renames the division and
/// adds its names; any other entry becomes a place under its parent (an earlier entry's name, a
/// division code, or the root).
pub(crate) fn apply_overlay(g: &mut Gazetteer, entries: &[OverlayEntry]) {
    let mut by_name: HashMap<&str, PlaceId> = HashMap::new();
    for e in entries {
        let existing = e.code.as_ref().and_then(|c| g.by_code(c.as_str()));
        let id = match existing {
            Some(id) => {
                g.rename(id, &e.name, e.kind);
                for a in &e.aliases {
                    g.add_name(a, id, NameForm::Alias);
                }
                id
            }
            None => {
                let parent = match &e.parent {
                    Some(p) => match parent_code(p) {
                        Some(c) => g.by_code(c.as_str()),
                        None => by_name.get(p.as_str()).copied(),
                    },
                    None => g.root(),
                };
                let mut place = Place::new(e.name.clone(), e.kind);
                place.code = e.code.clone();
                place.aliases = e.aliases.clone();
                place.parent = parent;
                g.add(place)
            }
        };
        for a in &e.local_aliases {
            g.add_name(a, id, NameForm::Local);
        }
        by_name.insert(e.name.as_str(), id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_national_gazetteer() {
        let g = Gazetteer::national();
        assert!(g.len() > 44_000, "{}", g.len());
        let china = g.root().unwrap();
        assert_eq!(g.place(china).unwrap().name, "中国");
        let sd = g.lookup("山东")[0];
        assert_eq!(g.place(sd).unwrap().parent, Some(china));
        // The overlay names the West Coast New Area after its own name, not 黄岛区's.
        let xha = g.by_code("370211").unwrap();
        assert_eq!(g.place(xha).unwrap().name, "西海岸新区");
        assert_eq!(g.place(xha).unwrap().kind, RegionKind::NewArea);
        assert_eq!(g.lookup("黄岛区"), [xha]);
        // Local names are not global.
        assert!(g.lookup("新区").is_empty());
        assert!(g.names("新区").contains(&(xha, NameForm::Local)));
        // A national new area without a code.
        let liangjiang = g.lookup("两江新区")[0];
        assert!(g.is_within(liangjiang, g.lookup("重庆")[0]));
        // Renames.
        let jimo = g.by_code("370215").unwrap();
        assert_eq!(g.lookup("即墨市"), [jimo]);
    }
}
