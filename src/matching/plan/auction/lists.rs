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

    /// These lists with `added` merged in (`(node, arc)`, by node, each node's arcs in
    /// order and not already present), every list still in order.
    pub(super) fn with(&self, added: &[(u32, Arc)]) -> Lists {
        let nodes = self.start.len() - 1;
        let mut start = Vec::with_capacity(self.start.len());
        let mut arcs = Vec::with_capacity(self.arcs.len() + added.len());
        start.push(0);
        let mut next = 0usize;
        for node in 0..nodes {
            let extra_end = next
                + added[next..]
                    .iter()
                    .take_while(|(n, _)| *n as usize == node)
                    .count();
            let (mut old, mut new) = (
                self.of(node).iter().peekable(),
                added[next..extra_end].iter().map(|(_, a)| a).peekable(),
            );
            loop {
                let take_old = match (old.peek(), new.peek()) {
                    (Some(o), Some(n)) => o.node < n.node,
                    (Some(_), None) => true,
                    (None, Some(_)) => false,
                    (None, None) => break,
                };
                let arc = if take_old { old.next() } else { new.next() };
                if let Some(arc) = arc {
                    arcs.push(*arc);
                }
            }
            next = extra_end;
            start.push(arcs.len());
        }
        Lists { start, arcs }
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
