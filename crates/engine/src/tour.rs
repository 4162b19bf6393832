//! The workloads the tour's pages 3 and 4 run: small enough to finish in about a second,
//! shaped so the difference between waiting and computing is plain to see.

use crate::scenario::{Scenario, Step, TaskSpec};

fn tasks(prefix: &str, n: usize, steps: &[Step]) -> Scenario {
    Scenario {
        tasks: (1..=n)
            .map(|i| TaskSpec { name: format!("{prefix}-{i}"), start_delay_ms: 0.0, steps: steps.to_vec() })
            .collect(),
        ..Default::default()
    }
}

/// `n` tasks that each wait for a 300 ms "response" and then spend 2 ms on it.
pub fn io_bound(n: usize) -> Scenario {
    tasks("request", n, &[Step::Wait { ms: 300.0 }, Step::Work { ms: 2.0 }])
}

/// `n` tasks that each compute for `units` units (1 unit ≈ 1 ms on this machine).
pub fn cpu_bound(n: usize, units: f64) -> Scenario {
    tasks("compute", n, &[Step::Work { ms: units }])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workloads_are_what_their_names_say() {
        let io = io_bound(4);
        assert_eq!(io.tasks.len(), 4);
        assert!(io.tasks.iter().all(|t| t.wait_ms() > 100.0 * t.work_ms()));
        let cpu = cpu_bound(3, 150.0);
        assert_eq!(cpu.total_work_ms(), 450.0);
        assert_eq!(cpu.tasks[2].name, "compute-3");
        // Both validate as the editor would.
        assert_eq!(io.to_draft().validate(), Ok(io));
        assert_eq!(cpu.to_draft().validate(), Ok(cpu));
    }
}
