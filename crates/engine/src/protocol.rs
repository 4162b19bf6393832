//! The messages the page and its Web Workers exchange.
//!
//! Messages travel as JSON text through `postMessage` (see [`encode`] / [`decode`]): the same
//! functions run on both sides, so what the tests round-trip here is what the bridge sends.

use serde::{de::DeserializeOwned, Deserialize, Serialize};

/// A request from the page to a worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ToWorker {
    /// Compute `checksum(seed, units, rounds_per_unit)` and answer with [`FromWorker::Checksum`].
    Checksum {
        /// Matches the answer to the request.
        id: u64,
        /// Seed of the hash chain.
        seed: u64,
        /// Units of work.
        units: u64,
        /// Rounds per unit (from the page's calibration, so both sides do the same work).
        rounds_per_unit: u64,
    },
}

/// A message from a worker to the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum FromWorker {
    /// The worker's module has loaded and it listens for requests.
    Ready,
    /// The answer to [`ToWorker::Checksum`].
    Checksum {
        /// The request's id.
        id: u64,
        /// The checksum the worker computed.
        value: u64,
        /// How long the computation took inside the worker, by the worker's clock.
        elapsed_ms: f64,
    },
    /// The worker could not handle a message.
    Error {
        /// The request's id, when it could be read.
        id: Option<u64>,
        /// What went wrong.
        message: String,
    },
}

/// Encodes a message as the JSON text that `postMessage` carries.
pub fn encode<T: Serialize>(msg: &T) -> String {
    // Serialising these plain enums cannot fail: no maps with non-string keys, no foreign types.
    serde_json::to_string(msg).expect("protocol messages always serialise")
}

/// Decodes a message; the error text is shown to the reader if a message is garbled.
pub fn decode<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    serde_json::from_str(text).map_err(|e| format!("unreadable worker message: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_round_trip_through_the_bridge_encoding() {
        let reqs = [ToWorker::Checksum { id: 9, seed: u64::MAX, units: 200, rounds_per_unit: 123_456 }];
        for r in reqs {
            assert_eq!(decode::<ToWorker>(&encode(&r)).unwrap(), r);
        }
        let answers = [
            FromWorker::Ready,
            FromWorker::Checksum { id: 1, value: u64::MAX - 1, elapsed_ms: 12.5 },
            FromWorker::Error { id: None, message: "boom".into() },
        ];
        for a in answers {
            assert_eq!(decode::<FromWorker>(&encode(&a)).unwrap(), a);
        }
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(decode::<FromWorker>("{not json").unwrap_err().contains("unreadable"));
        assert!(decode::<ToWorker>("{\"Nope\":{}}").is_err());
    }
}
