//! The internal rate of return of a series of cash flows, in exact decimals.

use rust_decimal::Decimal;

/// The rate per period `x` at which the flows (index = period) are worth nothing today:
/// `Σ flow_t / (1 + x)^t = 0`. The first flow must be what the borrower receives (positive) and
/// some later flow a payment. Solved for the discount factor v = 1/(1 + x) in decimals, by
/// Newton's method kept inside a bracket that bisection narrows, to 1e-20 in v (far better than
/// 1e-8 per period). The search starts from the root found the same way in floating point, so
/// the decimal steps (each a pass over every flow at 28 digits) are few. `None` when no rate
/// above −50% a period exists.
pub fn irr(flows: &[Decimal]) -> Option<Decimal> {
    let first = *flows.first()?;
    if first <= Decimal::ZERO || !flows[1..].iter().any(|f| *f < Decimal::ZERO) {
        return None;
    }
    // f(0) = first > 0. Find hi with f(hi) <= 0: v = 1 is a rate of 0; v = 2 is −50%.
    let (mut lo, mut hi) = (Decimal::ZERO, Decimal::ONE);
    let (f_hi, _) = value(flows, hi)?;
    if f_hi > Decimal::ZERO {
        hi = Decimal::TWO;
        if value(flows, hi)?.0 > Decimal::ZERO {
            return None;
        }
    }
    let tolerance = Decimal::new(1, 20);
    let mut v = float_guess(flows)
        .and_then(|g| Decimal::try_from(g).ok())
        .map(|g| g.round_dp(17))
        .filter(|g| *g > lo && *g < hi)
        .unwrap_or_else(|| Decimal::new(99, 2).min(hi));
    for _ in 0..200 {
        let (f, df) = value(flows, v)?;
        if f.is_zero() {
            break;
        }
        if f > Decimal::ZERO {
            lo = v;
        } else {
            hi = v;
        }
        let step = if df.is_zero() { None } else { f.checked_div(df) };
        // A Newton step below the tolerance is convergence (it may be below what v can hold,
        // which would leave v on the bracket's edge).
        if let Some(step) = step.filter(|s| s.abs() < tolerance) {
            v -= step;
            break;
        }
        let newton = step.and_then(|s| v.checked_sub(s));
        let next = match newton {
            Some(n) if n > lo && n < hi => n,
            _ => (lo + hi) / Decimal::TWO,
        };
        if (next - v).abs() < tolerance || hi - lo < tolerance {
            v = next;
            break;
        }
        v = next;
    }
    if v <= Decimal::ZERO {
        return None;
    }
    Decimal::ONE.checked_div(v).map(|inv| inv - Decimal::ONE)
}

/// The root in v found in f64 by the same bracketed Newton's method: a starting point only.
fn float_guess(flows: &[Decimal]) -> Option<f64> {
    use rust_decimal::prelude::ToPrimitive;
    let flows: Vec<f64> = flows.iter().map(|f| f.to_f64()).collect::<Option<_>>()?;
    let value = |v: f64| {
        flows
            .iter()
            .rev()
            .fold((0.0_f64, 0.0_f64), |(f, df), c| (f * v + c, df * v + f))
    };
    let (mut lo, mut hi) = (0.0_f64, 2.0_f64);
    let mut v = 0.99_f64;
    for _ in 0..100 {
        let (f, df) = value(v);
        if !f.is_finite() {
            return None;
        }
        if f > 0.0 {
            lo = v;
        } else {
            hi = v;
        }
        let newton = v - f / df;
        let next = if df != 0.0 && newton > lo && newton < hi {
            newton
        } else {
            f64::midpoint(lo, hi)
        };
        if (next - v).abs() < 1e-15 {
            return Some(next);
        }
        v = next;
    }
    Some(v)
}

/// `f(v) = Σ flow_t v^t` and `f'(v)`, by Horner's rule; `None` on overflow.
fn value(flows: &[Decimal], v: Decimal) -> Option<(Decimal, Decimal)> {
    let (mut f, mut df) = (Decimal::ZERO, Decimal::ZERO);
    for flow in flows.iter().rev() {
        df = df.checked_mul(v)?.checked_add(f)?;
        f = f.checked_mul(v)?.checked_add(*flow)?;
    }
    Some((f, df))
}
