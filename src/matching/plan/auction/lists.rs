//! The auction's pairs in compact adjacency lists, from either side.

/// One pair seen from one side: the other end and the learner's score for it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Arc {
    pub(super) node: u32,
    pub(super) score: u32,
}

/// Adjacency lists in one array: node `v` owns `arcs[start[v]..start[v + 1]]`.
pub(super) struct Lists {
    pub(super) start: Vec<usize>,
    pub(super) arcs: Vec<Arc>,
}

impl Lists {
    pub(super) fn of(&self, node: usize) -> &[Arc] {
        &self.arcs[self.start[node]..self.start[node + 1]]
    }
}

/// The pairs of `forward` listed by their other end (`nodes` of them), in order.
pub(super) fn transpose(forward: &Lists, nodes: usize) -> Lists {
    let mut start = vec![0usize; nodes + 1];
    for arc in &forward.arcs {
        start[arc.node as usize + 1] += 1;
    }
    for v in 0..nodes {
        start[v + 1] += start[v];
    }
    let mut fill = start.clone();
    let mut arcs = vec![Arc { node: 0, score: 0 }; forward.arcs.len()];
    for from in 0..forward.start.len() - 1 {
        for arc in forward.of(from) {
            let slot = &mut fill[arc.node as usize];
            arcs[*slot] = Arc {
                node: from as u32,
                score: arc.score,
            };
            *slot += 1;
        }
    }
    Lists { start, arcs }
}
