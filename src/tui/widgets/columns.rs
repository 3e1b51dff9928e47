//! How wide each column of a table is: sized from what the rows hold and the room there
//! is, so a name is shown whole while other columns have room to spare, and when room runs
//! out the least useful column gives way first (shrinks to its narrowest, then goes).
//! Every table ([`DataTable`](super::table::DataTable)) is fitted by [`fit`].

/// How a column's width is found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Width {
    /// As wide as its widest cell (or header); cut to no less than the column's `min`.
    Content,
    /// Exactly this wide (bars, short codes).
    Fixed(u16),
    /// What the other columns leave, at least `min` (free text such as a reason, cut last).
    Rest,
}

/// One column of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Col {
    pub header: &'static str,
    pub width: Width,
    /// The narrowest it may be cut to (with `…`) before it is dropped instead.
    pub min: u16,
    /// How much the column matters: the lowest shrinks (or, optional, goes) first.
    pub keep: u8,
    /// Dropped whole, before any other column is cut, when the table does not fit.
    pub optional: bool,
}

impl Col {
    /// A column sized from its content, cut to no less than `min`.
    pub const fn text(header: &'static str, min: u16, keep: u8) -> Col {
        Col {
            header,
            width: Width::Content,
            min,
            keep,
            optional: false,
        }
    }

    /// A column of exactly `width` cells (bars, short codes).
    pub const fn fixed(header: &'static str, width: u16, keep: u8) -> Col {
        Col {
            header,
            width: Width::Fixed(width),
            min: width,
            keep,
            optional: false,
        }
    }

    /// The column that takes the room left, at least `min`.
    pub const fn rest(header: &'static str, min: u16, keep: u8) -> Col {
        Col {
            header,
            width: Width::Rest,
            min,
            keep,
            optional: false,
        }
    }

    /// The same column, dropped first when room runs out.
    pub const fn optional(mut self) -> Col {
        self.optional = true;
        self
    }
}

/// Widths for `columns` in `room` cells with `spacing` between columns; `None` for a
/// column dropped for lack of room. `content[i]` is the widest cell of column `i` among the
/// rows to show.
///
/// In order: every column as wide as its content; if that does not fit, optional columns
/// go (least useful first); then columns are cut, least useful first, each to its
/// narrowest; then columns go, least useful first. Spare room goes to the `Rest` column,
/// else the last one shown.
pub fn fit(columns: &[Col], content: &[usize], room: u16, spacing: u16) -> Vec<Option<u16>> {
    let desired: Vec<u16> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let header = u16::try_from(c.header.chars().count()).unwrap_or(u16::MAX);
            match c.width {
                Width::Fixed(w) => w,
                Width::Rest => c.min.max(header),
                Width::Content => {
                    let widest =
                        u16::try_from(content.get(i).copied().unwrap_or(0)).unwrap_or(u16::MAX);
                    widest.max(header)
                }
            }
        })
        .collect();
    let narrowest: Vec<u16> = columns
        .iter()
        .zip(&desired)
        .map(|(c, d)| c.min.min(*d))
        .collect();
    let mut shown = vec![true; columns.len()];
    let total = |widths: &[u16], shown: &[bool]| -> u32 {
        let count = shown.iter().filter(|s| **s).count() as u32;
        let cells: u32 = widths
            .iter()
            .zip(shown)
            .filter(|(_, s)| **s)
            .map(|(w, _)| u32::from(*w))
            .sum();
        cells + u32::from(spacing) * count.saturating_sub(1)
    };
    let room32 = u32::from(room);
    // Least useful first; the rightmost among equals.
    let mut order: Vec<usize> = (0..columns.len()).collect();
    order.sort_by_key(|i| (columns[*i].keep, std::cmp::Reverse(*i)));
    let count = |shown: &[bool]| shown.iter().filter(|s| **s).count();
    for &i in &order {
        if total(&desired, &shown) <= room32 {
            break;
        }
        if columns[i].optional && count(&shown) > 1 {
            shown[i] = false;
        }
    }
    for &i in &order {
        if total(&narrowest, &shown) <= room32 || count(&shown) <= 1 {
            break;
        }
        shown[i] = false;
    }
    let mut widths = desired.clone();
    // Least useful first; columns that matter equally give way together, the widest (the
    // rightmost of equals) a cell at a time, so two names are cut alike, not one to nothing.
    let mut levels: Vec<u8> = order
        .iter()
        .filter(|i| shown[**i])
        .map(|i| columns[*i].keep)
        .collect();
    levels.dedup();
    for keep in levels {
        let group: Vec<usize> = order
            .iter()
            .copied()
            .filter(|i| shown[*i] && columns[*i].keep == keep)
            .collect();
        while total(&widths, &shown) > room32 {
            let widest = group
                .iter()
                .copied()
                .filter(|i| widths[*i] > narrowest[*i])
                .max_by_key(|i| (widths[*i], *i));
            match widest {
                Some(i) => widths[i] -= 1,
                None => break,
            }
        }
    }
    let last = (0..columns.len()).rev().find(|i| shown[*i]);
    let rest = (0..columns.len()).find(|i| shown[*i] && columns[*i].width == Width::Rest);
    // Still over (one column wider than the whole room): the last one is cut.
    let over = total(&widths, &shown).saturating_sub(room32);
    if let Some(last) = last {
        widths[last] = widths[last].saturating_sub(u16::try_from(over).unwrap_or(u16::MAX));
    }
    let spare = room32.saturating_sub(total(&widths, &shown));
    if let Some(grow) = rest.or(last) {
        widths[grow] = widths[grow].saturating_add(u16::try_from(spare).unwrap_or(0));
    }
    widths
        .into_iter()
        .zip(shown)
        .map(|(w, s)| s.then_some(w))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAME: Col = Col::text("NAME", 8, 9);
    const MENTOR: Col = Col::text("MENTOR", 8, 5);
    const STATUS: Col = Col::text("STATUS", 6, 1).optional();

    #[test]
    fn whole_names_when_there_is_room() {
        let widths = fit(&[NAME, MENTOR, STATUS], &[25, 15, 6], 60, 1);
        assert_eq!(widths, [Some(25), Some(15), Some(18)]);
    }

    #[test]
    fn the_least_useful_column_gives_way_first() {
        // 25 + 15 + 6 + 2 = 48 > 40: the status goes before any name is cut.
        let widths = fit(&[NAME, MENTOR, STATUS], &[25, 15, 6], 40, 1);
        assert_eq!(widths, [Some(25), Some(14), None]);
        // Tighter still: the mentor shrinks to its narrowest, then the learner.
        let widths = fit(&[NAME, MENTOR, STATUS], &[25, 15, 6], 20, 1);
        assert_eq!(widths, [Some(11), Some(8), None]);
    }

    #[test]
    fn columns_that_matter_alike_are_cut_alike() {
        let learner = Col::text("LEARNER", 8, 8);
        let mentor = Col::text("MENTOR", 8, 8);
        let widths = fit(&[learner, mentor], &[19, 14], 28, 1);
        assert_eq!(widths, [Some(14), Some(13)]);
        let widths = fit(&[learner, mentor], &[19, 14], 22, 1);
        assert_eq!(widths, [Some(11), Some(10)]);
    }

    #[test]
    fn fixed_columns_keep_their_width_and_one_column_always_stays() {
        let bar = Col::fixed("SCORE", 10, 3);
        let widths = fit(&[NAME, bar], &[12, 0], 30, 1);
        assert_eq!(widths, [Some(12), Some(17)]);
        let why = Col::rest("WHY", 10, 1);
        let widths = fit(&[NAME, why, bar], &[12, 80, 0], 40, 1);
        assert_eq!(widths, [Some(12), Some(16), Some(10)]);
        let widths = fit(&[NAME], &[40], 10, 1);
        assert_eq!(widths, [Some(10)]);
    }
}
