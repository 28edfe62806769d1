//! The internal rate of return of a series of cash flows, in exact decimals.

use rust_decimal::Decimal;

/// The rate per period `x` at which the flows (index = period) are worth nothing today:
/// `Σ flow_t / (1 + x)^t = 0`. The first flow must be what the borrower receives (positive) and
/// some later flow a payment. Solved for the discount factor v = 1/(1 + x) in decimals, by
/// Newton's method kept inside a bracket that bisection narrows, to 1e-20 in v (far better than
/// 1e-8 per period). `None` when no rate above −50% a period exists.
pub fn irr(flows: &[Decimal]) -> Option<Decimal> {
    irr_near(flows, None)
}

/// [`irr`], starting from `guess` (a rate per period, as a fraction) when one is known: the
/// rate of a loan a month shorter, say. The root is the same; it is found in fewer steps.
pub(super) fn irr_near(flows: &[Decimal], guess: Option<Decimal>) -> Option<Decimal> {
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
    // Start at 1% a period (v = 1/1.01 ≈ 0.99): loans' periodic rates are near it, and
    // Newton's method converges from there in a handful of steps.
    let start = guess
        .filter(|g| *g > Decimal::new(-5, 1))
        .and_then(|g| Decimal::ONE.checked_div(Decimal::ONE + g))
        .filter(|v| *v > lo && *v < hi);
    let mut v = start.unwrap_or_else(|| Decimal::new(99, 2).min(hi));
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
        // Far from the root, 12 decimals of v are plenty and keep each pass cheap (a product
        // of two 28-digit decimals must be cut back to 28 digits, which costs more than the
        // multiplication).
        let coarse = (next - v).abs() > Decimal::new(1, 8);
        v = if coarse { next.round_dp(12) } else { next };
    }
    if v <= Decimal::ZERO {
        return None;
    }
    Decimal::ONE.checked_div(v).map(|inv| inv - Decimal::ONE)
}

/// `Σ flow_t v^t`, the flows' worth today at the discount factor `v`, by Horner's rule; `None`
/// on overflow.
pub(super) fn present_value(flows: &[Decimal], v: Decimal) -> Option<Decimal> {
    flows
        .iter()
        .rev()
        .try_fold(Decimal::ZERO, |f, flow| f.checked_mul(v)?.checked_add(*flow))
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
