//! Parsing the small numeric fields of the tour's demos, with messages for beside the field.

/// A whole number from `min` to `max` (inclusive), or a message saying what to type.
pub fn whole(text: &str, min: u32, max: u32) -> Result<u32, String> {
    let t = text.trim().replace(['_', ','], "");
    if t.is_empty() {
        return Err(format!("enter a whole number from {min} to {max}"));
    }
    let n: u64 = t.parse().map_err(|_| format!("must be a whole number from {min} to {max}"))?;
    if n < u64::from(min) || n > u64::from(max) {
        return Err(format!("must be from {min} to {max}"));
    }
    Ok(n as u32)
}

/// A number of workers from 1 to `cores` (the machine's logical cores), or a message.
pub fn workers(text: &str, cores: u32) -> Result<u32, String> {
    whole(text, 1, cores).map_err(|e| format!("{e} (this machine has {cores} logical cores)"))
}

/// Milliseconds from `min` to `max` (inclusive, fractions allowed), or a message.
pub fn millis(text: &str, min: f64, max: f64) -> Result<f64, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err(format!("enter a number of milliseconds from {min} to {max}"));
    }
    let x: f64 = t.parse().map_err(|_| format!("must be a number of milliseconds, like {max}"))?;
    if !x.is_finite() || x < min || x > max {
        return Err(format!("must be from {min} to {max} ms"));
    }
    Ok(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_accept_separators_and_reject_the_rest() {
        assert_eq!(whole(" 10_000 ", 1, 1_000_000), Ok(10_000));
        assert_eq!(whole("1,000", 1, 1_000_000), Ok(1_000));
        assert_eq!(whole("0", 1, 10), Err("must be from 1 to 10".into()));
        assert_eq!(whole("", 1, 10), Err("enter a whole number from 1 to 10".into()));
        assert!(whole("2.5", 1, 10).is_err());
        assert!(whole("-3", 1, 10).is_err());
        assert!(whole("99999999999999999999", 1, 10).is_err());
    }

    #[test]
    fn workers_are_bounded_by_the_cores() {
        assert_eq!(workers("2", 2), Ok(2));
        assert_eq!(workers("3", 2), Err("must be from 1 to 2 (this machine has 2 logical cores)".into()));
        assert!(workers("two", 4).unwrap_err().ends_with("(this machine has 4 logical cores)"));
    }

    #[test]
    fn millis_are_finite_and_in_range() {
        assert_eq!(millis("5", 0.5, 100.0), Ok(5.0));
        assert_eq!(millis("0.5", 0.5, 100.0), Ok(0.5));
        assert!(millis("0.1", 0.5, 100.0).is_err());
        assert!(millis("NaN", 0.5, 100.0).is_err());
        assert!(millis("inf", 0.5, 100.0).is_err());
        assert!(millis("five", 0.5, 100.0).unwrap_err().contains("number of milliseconds"));
    }
}
