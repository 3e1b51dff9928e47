//! A score bar that carries its number: `██████░░░░ 62.4`.

/// A bar of `width` cells for `score` out of 1000, with the score as text so the bar is
/// never the only carrier of the value.
pub fn score_bar(score: u32, width: usize) -> String {
    let filled = (score.min(1000) as usize * width + 500) / 1000;
    format!(
        "{}{} {:>5}",
        "█".repeat(filled),
        "░".repeat(width - filled),
        crate::matching::score_text(score)
    )
}

/// A sparkline of small integers (e.g. confidence 1–5) as block characters.
pub fn sparkline(values: &[u8], max: u8) -> String {
    const LEVELS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    values
        .iter()
        .map(|v| {
            let index = (usize::from(*v) * (LEVELS.len() - 1)) / usize::from(max.max(1));
            LEVELS[index.min(LEVELS.len() - 1)]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_carry_numbers() {
        assert_eq!(score_bar(624, 10), "██████░░░░  62.4");
        assert_eq!(score_bar(1000, 4), "████ 100.0");
        assert_eq!(sparkline(&[1, 3, 5], 5), "▂▅█");
    }
}
