//! The dependency rule of `src/lib.rs`, checked on the parsed source: a module may name only
//! the crate modules and outside libraries its row allows.
//!
//! Every path counts, however it is written: `use` trees (grouped `use crate::{a::X, b::Y}`,
//! `super::super::x`, `self::`, renames such as `use crate as root`), paths in types,
//! expressions and patterns (`crate::store::Tx::new()`), and paths inside macro calls.
//! `super` is resolved from the file's module path (and any inline `mod` it sits in).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use proc_macro2::{Spacing, TokenStream, TokenTree};
use syn::visit::{self, Visit};

/// (module, crate modules it may use). `src/lib.rs` says the same in its table.
const RULES: &[(&str, &[&str])] = &[
    ("domain", &[]),
    ("matching", &["domain"]),
    ("store", &["domain"]),
    ("desk", &["domain", "matching", "store"]),
    ("exchange", &["domain", "desk", "matching"]),
    ("demo", &["domain"]),
    ("cli", &["desk", "exchange", "demo", "domain", "matching"]),
    ("tui", &["desk", "matching", "domain"]),
    (
        "launch",
        &["cli", "desk", "demo", "domain", "exchange", "tui"],
    ),
];

/// Outside crates that only one module may name.
const OWNED_CRATES: &[(&str, &str)] = &[
    ("rusqlite", "store"),
    ("ratatui", "tui"),
    ("crossterm", "tui"),
];

/// Where a path leads once `crate`, `self`, `super` and renames are resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    /// A path inside this crate, from its root (`["store", "Tx"]`).
    Crate(Vec<String>),
    /// A path whose first segment is not this crate's: an outside crate, a local item, a
    /// variable. Only the owned crates matter.
    Outside(String),
}

/// The names a file's `use` items bind, per module they sit in.
type Aliases = HashMap<(Vec<String>, String), Target>;

/// Checks one file's source against the row of `layer`; `module` is the file's module path
/// (`["desk", "pairing"]` for `src/desk/pairing.rs`). Returns each breach as `line: what`.
fn check_source(source: &str, layer: &str, module: &[&str]) -> Result<Vec<String>, syn::Error> {
    let file = syn::parse_file(source)?;
    let module: Vec<String> = module.iter().map(ToString::to_string).collect();
    let mut uses = UseCollector {
        module: module.clone(),
        aliases: Aliases::new(),
        found: Vec::new(),
    };
    uses.visit_file(&file);
    let mut paths = PathChecker {
        module,
        aliases: &uses.aliases,
        found: Vec::new(),
    };
    paths.visit_file(&file);
    let mut found = uses.found;
    found.extend(paths.found);
    found.sort_by_key(|(line, _)| *line);
    Ok(found
        .into_iter()
        .filter_map(|(line, target)| breach(layer, &target).map(|what| format!("{line}: {what}")))
        .collect())
}

/// What `layer` may not name about `target`, if anything.
fn breach(layer: &str, target: &Target) -> Option<String> {
    match target {
        Target::Crate(path) => {
            let top = path.first()?;
            let (_, allowed) = RULES.iter().find(|(m, _)| *m == layer)?;
            let is_module = RULES.iter().any(|(m, _)| m == top);
            (is_module && top != layer && !allowed.contains(&top.as_str()))
                .then(|| format!("{layer} names {top} (crate::{})", path.join("::")))
        }
        Target::Outside(krate) => OWNED_CRATES
            .iter()
            .find(|(name, owner)| name == krate && *owner != layer)
            .map(|_| format!("{layer} names {krate}")),
    }
}

/// Resolves `segments` written in `module`.
fn resolve(
    segments: &[String],
    leading_colon: bool,
    module: &[String],
    aliases: &Aliases,
) -> Option<Target> {
    let first = segments.first()?;
    if leading_colon {
        return Some(Target::Outside(first.clone()));
    }
    let rest = |from: usize| segments[from..].to_vec();
    match first.as_str() {
        "crate" => Some(Target::Crate(rest(1))),
        "self" => Some(Target::Crate([module.to_vec(), rest(1)].concat())),
        "super" => {
            let ups = segments.iter().take_while(|s| *s == "super").count();
            let base = module.len().checked_sub(ups)?;
            Some(Target::Crate([module[..base].to_vec(), rest(ups)].concat()))
        }
        _ => {
            // A name bound by `use` here or in an enclosing module (`use super::*` brings
            // those into scope; a name that is not in scope would not compile).
            let bound = (0..=module.len())
                .rev()
                .find_map(|depth| aliases.get(&(module[..depth].to_vec(), first.clone())));
            match bound {
                Some(Target::Crate(path)) => Some(Target::Crate([path.clone(), rest(1)].concat())),
                Some(outside) => Some(outside.clone()),
                // At the crate root, `store::Tx` is this crate's module.
                None if module.is_empty() && RULES.iter().any(|(m, _)| m == first) => {
                    Some(Target::Crate(segments.to_vec()))
                }
                None => Some(Target::Outside(first.clone())),
            }
        }
    }
}

/// Pass one: every `use` tree, checked and remembered as the names it binds.
struct UseCollector {
    module: Vec<String>,
    aliases: Aliases,
    found: Vec<(usize, Target)>,
}

impl UseCollector {
    fn walk(&mut self, tree: &syn::UseTree, prefix: &[String], leading_colon: bool) {
        let leaf = |prefix: &[String], ident: &syn::Ident| -> Vec<String> {
            if ident == "self" {
                prefix.to_vec()
            } else {
                [prefix, &[ident.to_string()]].concat()
            }
        };
        let (full, binding, line) = match tree {
            syn::UseTree::Path(p) => {
                let prefix = [prefix, &[p.ident.to_string()]].concat();
                return self.walk(&p.tree, &prefix, leading_colon);
            }
            syn::UseTree::Group(g) => {
                for item in &g.items {
                    self.walk(item, prefix, leading_colon);
                }
                return;
            }
            syn::UseTree::Name(n) => {
                let full = leaf(prefix, &n.ident);
                let binding = full.last().cloned();
                (full, binding, n.ident.span().start().line)
            }
            syn::UseTree::Rename(r) => (
                leaf(prefix, &r.ident),
                Some(r.rename.to_string()).filter(|name| name != "_"),
                r.ident.span().start().line,
            ),
            syn::UseTree::Glob(g) => (prefix.to_vec(), None, g.star_token.span.start().line),
        };
        let Some(target) = resolve(&full, leading_colon, &self.module, &self.aliases) else {
            return;
        };
        if let Some(name) = binding {
            self.aliases
                .insert((self.module.clone(), name), target.clone());
        }
        self.found.push((line, target));
    }
}

impl<'ast> Visit<'ast> for UseCollector {
    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        self.walk(&item.tree, &[], item.leading_colon.is_some());
    }

    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        self.module.push(item.ident.to_string());
        visit::visit_item_mod(self, item);
        self.module.pop();
    }
}

/// Pass two: every other path, and the paths written inside macro calls.
struct PathChecker<'a> {
    module: Vec<String>,
    aliases: &'a Aliases,
    found: Vec<(usize, Target)>,
}

impl PathChecker<'_> {
    fn note(&mut self, segments: &[String], leading_colon: bool, line: usize) {
        if let Some(target) = resolve(segments, leading_colon, &self.module, self.aliases) {
            self.found.push((line, target));
        }
    }

    /// Paths of two or more segments (`a::b`, `::a::b`) among a macro's tokens; a lone name
    /// there could be anything.
    fn scan_tokens(&mut self, tokens: TokenStream) {
        let tokens: Vec<TokenTree> = tokens.into_iter().collect();
        let is_colons = |i: usize| {
            matches!((tokens.get(i), tokens.get(i + 1)),
                (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b)))
                    if a.as_char() == ':' && a.spacing() == Spacing::Joint && b.as_char() == ':')
        };
        let mut i = 0;
        while i < tokens.len() {
            if let TokenTree::Group(group) = &tokens[i] {
                self.scan_tokens(group.stream());
                i += 1;
                continue;
            }
            let leading_colon =
                is_colons(i) && !(i > 0 && matches!(tokens[i - 1], TokenTree::Ident(_)));
            let start = if leading_colon { i + 2 } else { i };
            let Some(TokenTree::Ident(first)) = tokens.get(start) else {
                i += 1;
                continue;
            };
            let mut segments = vec![first.to_string()];
            let mut j = start + 1;
            while is_colons(j) {
                match tokens.get(j + 2) {
                    Some(TokenTree::Ident(next)) => {
                        segments.push(next.to_string());
                        j += 3;
                    }
                    _ => break,
                }
            }
            if segments.len() > 1 {
                self.note(&segments, leading_colon, first.span().start().line);
            }
            i = j.max(i + 1);
        }
    }
}

impl<'ast> Visit<'ast> for PathChecker<'_> {
    fn visit_item_use(&mut self, _: &'ast syn::ItemUse) {
        // Pass one checked it.
    }

    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        self.module.push(item.ident.to_string());
        visit::visit_item_mod(self, item);
        self.module.pop();
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        let line = path
            .segments
            .first()
            .map_or(0, |s| s.ident.span().start().line);
        self.note(&segments, path.leading_colon.is_some(), line);
        visit::visit_path(self, path);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        self.scan_tokens(mac.tokens.clone());
        visit::visit_macro(self, mac);
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `src/desk/pairing.rs` → `["desk", "pairing"]`; `src/desk/mod.rs` → `["desk"]`.
fn module_path(src: &Path, file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

#[test]
fn modules_use_only_what_they_may() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut breaches = Vec::new();
    let mut checked = 0;
    for file in &files {
        let module = module_path(&src, file);
        let Some(layer) = module.first() else {
            continue;
        };
        // The binary is its own crate; the root only declares the modules.
        if module == ["main"] || module == ["lib"] {
            continue;
        }
        if !RULES.iter().any(|(m, _)| m == layer) {
            breaches.push(format!(
                "{}: module {layer} has no row in the rule",
                file.display()
            ));
            continue;
        }
        let source = std::fs::read_to_string(file).unwrap();
        let module: Vec<&str> = module.iter().map(String::as_str).collect();
        match check_source(&source, layer, &module) {
            Ok(found) => {
                breaches.extend(found.into_iter().map(|b| format!("{}:{b}", file.display())))
            }
            Err(e) => breaches.push(format!("{}: does not parse: {e}", file.display())),
        }
        checked += 1;
    }
    assert!(checked > 100, "only {checked} files checked");
    assert!(
        breaches.is_empty(),
        "dependency rule broken:\n{}",
        breaches.join("\n")
    );
}

/// The modules each row of `src/lib.rs`'s table names, in backticks.
fn documented_rules() -> Vec<(String, Vec<String>)> {
    let lib =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    let ticked = |cell: &str| -> Vec<String> {
        cell.split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    };
    lib.lines()
        .filter_map(|line| line.strip_prefix("//! |"))
        .filter_map(|row| {
            let cells: Vec<&str> = row.split('|').collect();
            let module = ticked(cells.first()?).into_iter().next()?;
            let mut may_use: Vec<String> = ticked(cells.get(1)?)
                .into_iter()
                .filter(|m| RULES.iter().any(|(r, _)| r == m))
                .collect();
            may_use.sort();
            Some((module, may_use))
        })
        .collect()
}

#[test]
fn lib_rs_states_the_rule_the_test_holds() {
    let mut rules: Vec<(String, Vec<String>)> = RULES
        .iter()
        .map(|(m, allowed)| {
            let mut allowed: Vec<String> = allowed.iter().map(ToString::to_string).collect();
            allowed.sort();
            (m.to_string(), allowed)
        })
        .collect();
    rules.sort();
    let mut documented = documented_rules();
    documented.sort();
    assert_eq!(documented, rules);
}

fn breaches_in(source: &str, layer: &str, module: &[&str]) -> Vec<String> {
    check_source(source, layer, module).unwrap()
}

#[test]
fn a_grouped_use_is_a_breach() {
    let found = breaches_in(
        "use crate::{domain::LearnerId, store::Tx};",
        "exchange",
        &["exchange", "csv"],
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("exchange names store"), "{found:?}");
    let nested = breaches_in(
        "use crate::{desk::{Desk, self}, tui::{app::App}};",
        "cli",
        &["cli"],
    );
    assert_eq!(nested.len(), 1, "{nested:?}");
    assert!(nested[0].contains("cli names tui"), "{nested:?}");
}

#[test]
fn a_super_path_is_resolved_from_the_file_and_its_inline_modules() {
    let from_file = breaches_in(
        "use super::super::tui::App;\nuse super::Desk;",
        "desk",
        &["desk", "pairing"],
    );
    assert_eq!(from_file, vec!["1: desk names tui (crate::tui::App)"]);
    let from_inline_mod = breaches_in(
        "mod tests {\n    use super::super::super::store::Tx;\n}",
        "exchange",
        &["exchange", "csv"],
    );
    assert_eq!(
        from_inline_mod,
        vec!["2: exchange names store (crate::store::Tx)"]
    );
    let from_mod_rs = breaches_in("use super::store::Store;", "exchange", &["exchange"]);
    assert_eq!(from_mod_rs.len(), 1, "{from_mod_rs:?}");
}

#[test]
fn a_path_in_an_expression_a_type_or_a_macro_is_a_breach() {
    let expression = breaches_in(
        "fn f() { let _ = crate::store::Store::open_in_memory(); }",
        "exchange",
        &["exchange", "scores"],
    );
    assert_eq!(expression.len(), 1, "{expression:?}");
    let super_expression = breaches_in(
        "fn f() { super::super::store::Store::open_in_memory(); }",
        "exchange",
        &["exchange", "scores"],
    );
    assert_eq!(super_expression.len(), 1, "{super_expression:?}");
    let a_type = breaches_in("fn f(_: &crate::tui::app::App) {}", "cli", &["cli", "x"]);
    assert_eq!(a_type.len(), 1, "{a_type:?}");
    let in_a_macro = breaches_in(
        "fn f() { println!(\"{}\", crate::store::SCHEMA_VERSION); }",
        "desk",
        &["desk", "x"],
    );
    assert!(in_a_macro.is_empty(), "desk may name store: {in_a_macro:?}");
    let in_a_macro = breaches_in(
        "fn f() { println!(\"{}\", crate::store::SCHEMA_VERSION); }",
        "domain",
        &["domain", "x"],
    );
    assert_eq!(in_a_macro.len(), 1, "{in_a_macro:?}");
}

#[test]
fn a_renamed_crate_or_module_is_followed() {
    let root = breaches_in(
        "use crate as root;\nfn f() { root::store::Store::open_in_memory(); }",
        "exchange",
        &["exchange"],
    );
    assert_eq!(
        root,
        vec!["2: exchange names store (crate::store::Store::open_in_memory)"]
    );
    let module = breaches_in(
        "use crate::store as s;\nfn f(_: s::Tx<'_>) {}",
        "tui",
        &["tui", "app"],
    );
    assert_eq!(module.len(), 2, "the use and the type: {module:?}");
}

#[test]
fn an_owned_crate_outside_its_owner_is_a_breach() {
    let found = breaches_in(
        "use rusqlite::Connection;\nfn f() -> ::ratatui::text::Line<'static> { todo!() }",
        "desk",
        &["desk", "x"],
    );
    assert_eq!(
        found,
        vec!["1: desk names rusqlite", "2: desk names ratatui"]
    );
    assert!(breaches_in("use rusqlite::Connection;", "store", &["store", "x"]).is_empty());
}

#[test]
fn a_clean_layer_passes() {
    let source = r#"
        //! Mentions crate::tui:: and rusqlite:: in docs only.
        use std::collections::HashMap;
        use super::{Desk, DeskError};
        use super::super::store::Tx;
        use crate::{domain::{LearnerId, Pairing}, matching::{self, Weights}};
        use self::inner::Thing;

        mod inner {
            pub struct Thing;
            use super::super::Desk as D;
            fn g(_: &D) {}
        }

        /// See crate::tui::app for the face.
        pub fn f(tx: &Tx<'_>, w: &Weights) -> Result<HashMap<LearnerId, Pairing>, DeskError> {
            let _ = matching::score_text(1);
            let _ = crate::store::SCHEMA_VERSION;
            println!("{}", "crate::tui::app::App");
            assert!(crate::domain::text::clean_line("x").len() == 1);
            Ok(HashMap::new())
        }
    "#;
    assert_eq!(
        breaches_in(source, "desk", &["desk", "pairing"]),
        Vec::<String>::new()
    );
}
