//! Each mentor's occupied seats as a min-heap by price, so the cheapest seat (what a newcomer
//! outbids) is always at the top.

/// A seat bought at `price` by `learner`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Seat {
    pub(super) price: i64,
    pub(super) learner: u32,
}

pub(super) fn sift_up(heap: &mut [Seat], mut at: usize) {
    while at > 0 {
        let parent = (at - 1) / 2;
        if heap[parent].price <= heap[at].price {
            break;
        }
        heap.swap(parent, at);
        at = parent;
    }
}

pub(super) fn sift_down(heap: &mut [Seat], mut at: usize) {
    loop {
        let left = 2 * at + 1;
        if left >= heap.len() {
            break;
        }
        let right = left + 1;
        let child = if right < heap.len() && heap[right].price < heap[left].price {
            right
        } else {
            left
        };
        if heap[at].price <= heap[child].price {
            break;
        }
        heap.swap(at, child);
        at = child;
    }
}

pub(super) fn heapify(heap: &mut [Seat]) {
    for at in (0..heap.len() / 2).rev() {
        sift_down(heap, at);
    }
}
