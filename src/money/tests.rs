//! The schedule engine against figures computed another way: published calculator figures, the
//! closed-form formulas evaluated in floating point, an IRR found by bisection on flows the test
//! builds itself, and invariants over random loans.

use chrono::NaiveDate;
use proptest::prelude::*;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::*;

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap_or_default()
}

fn start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 15).unwrap_or_default()
}

fn loan(amount: &str, months: u32, rate: &str, method: RepaymentMethod) -> Loan {
    Loan {
        amount: d(amount),
        term: LoanTerm::Months(months),
        annual_rate: d(rate),
        method,
        frequency: Frequency::Monthly,
        grace_months: 0,
        day_count: DayCount::Thirty360,
        start: start(),
        fees: Vec::new(),
        draws: None,
    }
}

fn run(loan: &Loan) -> Schedule {
    schedule(loan).unwrap_or_else(|e| panic!("{}", e.message.en))
}

fn fee(basis: FeeBasis, per: FeePer) -> FeeItem {
    FeeItem {
        kind: FeeKind::Arrangement,
        basis,
        per,
        payee: Payee::Lender,
    }
}

/// Published calculator figures (any Chinese mortgage calculator, e.g. the widely quoted
/// "100万 30年 4.9%" case): 100,000 at 4.35% over 12 months pays 8,530.99 a month; 1,000,000 at
/// 4.9% over 30 years pays 5,307.27 a month by equal instalments, and by equal principal 6,861.11
/// in the first month, 11.34 less each month after.
#[test]
fn published_figures() {
    let s = run(&loan("100000", 12, "4.35", RepaymentMethod::EqualInstallment));
    assert!(s.rows[1..12].iter().all(|r| r.payment == d("8530.99")));
    let s = run(&loan("1000000", 360, "4.9", RepaymentMethod::EqualInstallment));
    assert_eq!(s.rows[1].payment, d("5307.27"));
    let s = run(&loan("1000000", 360, "4.9", RepaymentMethod::EqualPrincipal));
    assert_eq!(s.rows[1].payment, d("6861.11"));
    assert_eq!(s.rows[1].payment - s.rows[2].payment, d("11.34"));
}

/// The annuity formula in f64, a second way: A = P·i / (1 − (1 + i)^−n).
#[test]
fn installment_matches_the_closed_form_in_floating_point() {
    let cases: [(f64, i32, f64); 4] = [
        (50_000.0, 24, 6.0),
        (300_000.0, 60, 3.1),
        (8_000.0, 6, 17.99),
        (2_000_000.0, 240, 3.5),
    ];
    for (amount, months, rate) in cases {
        let i = rate / 1200.0;
        let expected = amount * i / (1.0 - (1.0 + i).powi(-months));
        let term = u32::try_from(months).unwrap_or(1);
        let s = run(&loan(
            &amount.to_string(),
            term,
            &rate.to_string(),
            RepaymentMethod::EqualInstallment,
        ));
        let got = s.rows[1].payment.to_f64().unwrap_or(0.0);
        assert!(
            (got - expected).abs() <= 0.005 + 1e-9,
            "{amount} {months} {rate}: {got} vs {expected}"
        );
    }
}

/// Total interest of equal principal, a closed form: P·i·(n + 1)/2, within half a fen a period.
#[test]
fn equal_principal_interest_matches_the_closed_form() {
    let s = run(&loan("1000000", 360, "4.9", RepaymentMethod::EqualPrincipal));
    let exact = 1_000_000.0 * 0.049 / 12.0 * 361.0 / 2.0; // 737,041.67
    let got = s.totals.interest.to_f64().unwrap_or(0.0);
    assert!((got - exact).abs() <= 360.0 * 0.005, "{got} vs {exact}");
}

#[test]
fn bullet_and_interest_only() {
    // 12 months at 6% on 100,000: 6,000 of interest, at the end or 500 a month.
    let s = run(&loan("100000", 12, "6", RepaymentMethod::Bullet));
    assert_eq!(s.rows.len(), 2);
    assert_eq!(s.rows[1].payment, d("106000.00"));
    assert_eq!(s.apr, d("6.0000"));
    let s = run(&loan("100000", 12, "6", RepaymentMethod::InterestOnly));
    assert!(s.rows[1..12].iter().all(|r| r.payment == d("500.00")));
    assert_eq!(s.rows[12].payment, d("100500.00"));
    assert_eq!(s.apr, d("6.0000"));
    // (1 + 0.005)^12 − 1 = 6.1678%.
    assert_eq!(s.apr_effective, Some(d("6.1678")));
}

#[test]
fn quarterly_and_grace() {
    let mut l = loan("120000", 12, "4", RepaymentMethod::EqualPrincipal);
    l.frequency = Frequency::Quarterly;
    let s = run(&l);
    // Four quarters of 30,000 principal; first quarter's interest 120,000 × 1% = 1,200.
    assert_eq!(s.rows.len(), 5);
    assert_eq!(s.rows[1].interest, d("1200.00"));
    assert!(s.rows[1..].iter().all(|r| r.principal == d("30000.00")));
    assert_eq!(s.periods_per_year, d("4"));
    assert_eq!(s.apr, d("4.0000"));
    let mut l = loan("120000", 12, "6", RepaymentMethod::EqualInstallment);
    l.grace_months = 3;
    let s = run(&l);
    assert!(
        s.rows[1..=3]
            .iter()
            .all(|r| r.principal.is_zero() && r.interest == d("600.00"))
    );
    // Nine amortizing months: the annuity of 120,000 at 0.5% over 9.
    let i = 0.005_f64;
    let expected = 120_000.0 * i / (1.0 - (1.0 + i).powi(-9));
    assert!((s.rows[4].payment.to_f64().unwrap_or(0.0) - expected).abs() <= 0.005 + 1e-9);
    let mut l = loan("120000", 10, "6", RepaymentMethod::EqualInstallment);
    l.frequency = Frequency::Quarterly;
    assert_eq!(schedule(&l).map(|_| ()).map_err(|e| e.code.code), Err("LS183"));
}

#[test]
fn actual_day_counts() {
    let mut l = loan("100000", 1, "3.65", RepaymentMethod::Bullet);
    l.day_count = DayCount::Actual365;
    // 2026-01-15 to 2026-02-15: 31 days at 0.01% a day = 310.00.
    assert_eq!(run(&l).rows[1].interest, d("310.00"));
    l.day_count = DayCount::Actual360;
    // 100,000 × 3.65% × 31 / 360 = 314.305… → 314.31.
    assert_eq!(run(&l).rows[1].interest, d("314.31"));
    let mut l = loan("100000", 3, "3.6", RepaymentMethod::Bullet);
    l.term = LoanTerm::Days(15);
    // 15 days at 3.6% / 360: 150.00.
    let s = run(&l);
    assert_eq!(s.rows[1].interest, d("150.00"));
    assert_eq!(s.periods_per_year, d("24"));
}

/// A flat-fee instalment loan, the classic case the 2021 rule targets: 12,000 over 12 months,
/// 1,000 of principal and a 0.6% monthly fee (72) each month. The test builds the flows itself
/// and finds the rate by bisection in f64.
#[test]
fn apr_of_a_flat_fee_loan_by_bisection() {
    let mut l = loan("12000", 12, "0", RepaymentMethod::EqualPrincipal);
    l.fees = vec![fee(FeeBasis::Percent(d("0.6")), FeePer::Period)];
    let s = run(&l);
    assert!(s.rows[1..].iter().all(|r| r.payment == d("1072.00")));
    let npv = |x: f64| 12_000.0 - (1..=12).map(|t| 1072.0 / (1.0 + x).powi(t)).sum::<f64>();
    let (mut lo, mut hi) = (0.0_f64, 1.0_f64);
    for _ in 0..200 {
        let mid = f64::midpoint(lo, hi);
        if npv(mid) < 0.0 { lo = mid } else { hi = mid }
    }
    let expected = lo * 12.0 * 100.0;
    let got = s.apr.to_f64().unwrap_or(0.0);
    assert!((got - expected).abs() < 0.0001, "{got} vs {expected}");
    // About 13.0%, not the 7.2% the flat fee suggests.
    assert!(got > 12.9 && got < 13.1, "{got}");
}

#[test]
fn upfront_fees_raise_the_apr_and_too_many_fees_have_none() {
    let plain = run(&loan("100000", 12, "4.35", RepaymentMethod::EqualInstallment));
    let mut with_fee = loan("100000", 12, "4.35", RepaymentMethod::EqualInstallment);
    with_fee.fees = vec![fee(FeeBasis::Percent(d("1")), FeePer::Once)];
    let s = run(&with_fee);
    assert_eq!(s.rows[0].fees, d("1000.00"));
    assert!(s.apr > plain.apr);
    assert_eq!(s.fee_lines[0].total, d("1000.00"));
    with_fee.fees = vec![fee(FeeBasis::Money(d("100000")), FeePer::Once)];
    assert_eq!(schedule(&with_fee).map(|_| ()).map_err(|e| e.code.code), Err("LS184"));
}

#[test]
fn yearly_fees_fall_at_the_start_of_each_year() {
    let mut l = loan("100000", 30, "4", RepaymentMethod::EqualPrincipal);
    l.fees = vec![fee(FeeBasis::Percent(d("1")), FeePer::Year)];
    let s = run(&l);
    let charged: Vec<u32> = s
        .rows
        .iter()
        .filter(|r| r.fees > Decimal::ZERO)
        .map(|r| r.period)
        .collect();
    // At disbursement, then with the payments at months 12 and 24: three years begun.
    assert_eq!(charged, [0, 12, 24]);
    assert_eq!(s.fee_lines[0].total, d("3000.00"));
}

#[test]
fn credit_line_follows_its_draws() {
    let mut l = loan("100000", 6, "3.6", RepaymentMethod::Revolving);
    l.draws = Some(vec![
        Draw {
            month: 0,
            amount: d("50000"),
            line: 2,
        },
        Draw {
            month: 2,
            amount: d("30000"),
            line: 3,
        },
        Draw {
            month: 4,
            amount: d("-80000"),
            line: 4,
        },
    ]);
    l.fees = vec![fee(FeeBasis::Percent(d("0.1")), FeePer::Drawdown)];
    let s = run(&l);
    // 0.3% a month: 150 on 50,000 for months 1–2, 240 on 80,000 for months 3–4, nothing after.
    let interest: Vec<String> = s.rows.iter().map(|r| r.interest.to_string()).collect();
    assert_eq!(interest, ["0", "150.00", "150.00", "240.00", "240.00", "0.00", "0.00"]);
    assert_eq!(s.rows[0].fees, d("50.00"));
    assert_eq!(s.totals.drawn, d("80000"));
    assert_eq!(s.totals.principal, d("80000"));
    assert_eq!(s.totals.fees, d("80.00"));
    l.draws = Some(vec![Draw {
        month: 0,
        amount: d("120000"),
        line: 7,
    }]);
    let e = schedule(&l).err().map(|e| (e.code.code, e.line));
    assert_eq!(e, Some(("LS185", Some(7))));
}

#[test]
fn irr_edge_cases() {
    assert_eq!(irr(&[]), None);
    assert_eq!(irr(&[d("-1"), d("2")]), None);
    assert_eq!(irr(&[d("100"), d("10")]), None);
    // 100 now, 110 in one period: 10%.
    assert_eq!(irr(&[d("100"), d("-110")]).map(|x| x.round_dp(12)), Some(d("0.1")));
    // 100 now, 50 back: −50%, the bracket's edge.
    assert!(irr(&[d("100"), d("-40")]).is_none());
}

fn method() -> impl Strategy<Value = RepaymentMethod> {
    prop_oneof![
        Just(RepaymentMethod::EqualInstallment),
        Just(RepaymentMethod::EqualPrincipal),
        Just(RepaymentMethod::InterestOnly),
        Just(RepaymentMethod::Bullet),
        Just(RepaymentMethod::Revolving),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Principal repaid is the amount; the balance ends at zero and never goes negative;
    /// payments are principal + interest + fees; without fees the APR is the contract rate
    /// (to the rounding of interest to the fen); a fee raises it.
    #[test]
    fn invariants(
        fen_amount in 100_000i64..=500_000_000,
        months in 1u32..=120,
        rate_bp in 0i64..=2400,
        method in method(),
        quarterly in any::<bool>(),
    ) {
        let mut l = loan("0", months, "0", method);
        l.amount = Decimal::new(fen_amount, 2);
        l.annual_rate = Decimal::new(rate_bp, 2);
        if quarterly && months % 3 == 0 {
            l.frequency = Frequency::Quarterly;
        }
        let s = run(&l);
        prop_assert_eq!(s.totals.principal, l.amount);
        prop_assert!(s.rows.last().is_some_and(|r| r.balance.is_zero()));
        prop_assert!(s.rows.iter().all(|r| r.balance >= Decimal::ZERO && r.interest >= Decimal::ZERO));
        prop_assert!(s.rows.iter().all(|r| r.payment == r.principal + r.interest + r.fees));
        if method == RepaymentMethod::EqualInstallment && s.rows.len() > 3 {
            let first = s.rows[1].payment;
            prop_assert!(s.rows[1..s.rows.len() - 1].iter().all(|r| r.payment == first));
        }
        // Rounding each period's interest to the fen moves the APR by at most half a fen a
        // period; on at least 1,000 yuan that is under 0.01 points.
        let gap = (s.apr - l.annual_rate).abs();
        prop_assert!(gap < Decimal::new(1, 2), "apr {} rate {}", s.apr, l.annual_rate);
        let mut with_fee = l.clone();
        with_fee.fees = vec![fee(FeeBasis::Percent(Decimal::ONE), FeePer::Once)];
        let f = run(&with_fee);
        prop_assert!(f.apr > s.apr);
    }
}

fn frequency() -> impl Strategy<Value = Frequency> {
    prop_oneof![
        Just(Frequency::Monthly),
        Just(Frequency::Quarterly),
        Just(Frequency::AtMaturity)
    ]
}

fn day_count() -> impl Strategy<Value = DayCount> {
    prop_oneof![
        Just(DayCount::Thirty360),
        Just(DayCount::Actual360),
        Just(DayCount::Actual365)
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    /// Any loan, however extreme (amounts to 10^17 fen, rates to 2,000%, terms to 200 years,
    /// fees of any size, a grace period of any length): a schedule or an error, never a panic.
    #[test]
    fn never_panics(
        fen_amount in 0i64..=100_000_000_000_000_000,
        months in 0u32..=2400,
        days in proptest::option::of(0u32..=40_000),
        rate_bp in -100i64..=200_000,
        grace in 0u32..=40,
        method in method(),
        frequency in frequency(),
        day_count in day_count(),
        fee_bp in proptest::option::of(0i64..=2_000_000),
        fee_per in prop_oneof![Just(FeePer::Once), Just(FeePer::Year), Just(FeePer::Period), Just(FeePer::Drawdown)],
    ) {
        let mut l = loan("0", months, "0", method);
        l.amount = Decimal::new(fen_amount, 2);
        l.annual_rate = Decimal::new(rate_bp, 2);
        l.term = days.map_or(LoanTerm::Months(months), LoanTerm::Days);
        l.grace_months = grace;
        l.frequency = frequency;
        l.day_count = day_count;
        l.fees = fee_bp.map(|bp| fee(FeeBasis::Percent(Decimal::new(bp, 2)), fee_per)).into_iter().collect();
        let _ = schedule(&l);
    }
}

/// 100万 at 4.35% over 360 months under actual/360 (the case that ended with a last payment of
/// 32,951.12 against 4,978.12 a month). The expected instalment comes from a second method: the
/// test finds, by bisection in f64 on the unrounded balance recursion with each period's own
/// days, the payment that leaves nothing owed. The last payment may differ from the others by
/// at most what one fen of the instalment grows to by the end of the term.
#[test]
fn equal_installment_is_level_under_actual_day_counts() {
    for day_count in [DayCount::Actual360, DayCount::Actual365] {
        let mut l = loan("1000000", 360, "4.35", RepaymentMethod::EqualInstallment);
        l.day_count = day_count;
        let s = run(&l);
        let basis = if day_count == DayCount::Actual360 { 360.0 } else { 365.0 };
        let days: Vec<f64> = s
            .rows
            .windows(2)
            .map(|w| f64::from(u32::try_from((w[1].date - w[0].date).num_days()).unwrap_or(0)))
            .collect();
        let owed = |p: f64| {
            days.iter()
                .fold(1_000_000.0_f64, |b, d| b * (1.0 + 0.0435 * d / basis) - p)
        };
        let (mut lo, mut hi) = (0.0_f64, 100_000.0_f64);
        for _ in 0..200 {
            let mid = f64::midpoint(lo, hi);
            if owed(mid) > 0.0 { lo = mid } else { hi = mid }
        }
        let level = s.rows[1].payment.to_f64().unwrap_or(0.0);
        assert!((level - lo).abs() <= 0.011, "{day_count:?}: {level} against {lo}");
        assert!(s.rows[1..360].iter().all(|r| r.payment == s.rows[1].payment));
        // One fen of the instalment, carried to the end: 0.01 × Σ Π (1 + iⱼ) over the later periods.
        let mut growth = 0.0_f64;
        for d in days.iter().rev() {
            growth = growth * (1.0 + 0.0435 * d / basis) + 1.0;
        }
        let last = s.rows[360].payment.to_f64().unwrap_or(0.0);
        assert!(
            (last - level).abs() <= 0.01 * growth,
            "{day_count:?}: last {last}, level {level}, bound {}",
            0.01 * growth
        );
        assert_eq!(s.totals.principal, d("1000000"));
    }
}

/// A credit line first drawn in its third month: flows start with nothing. Interest of 0.3% a
/// month on what is drawn and nothing else is an IRR of 0.3% a month, 3.6% a year (closed form).
#[test]
fn credit_line_first_drawn_later_has_an_apr() {
    let mut l = loan("100000", 12, "3.6", RepaymentMethod::Revolving);
    l.draws = Some(vec![Draw {
        month: 2,
        amount: d("50000"),
        line: 2,
    }]);
    let s = run(&l);
    assert_eq!(s.apr, d("3.6000"));
}

/// A bullet loan over 24 months at 12% (30/360) with a 5% yearly fee: the fee is paid at the
/// start and on the first anniversary, not at maturity. Expected APR from the flows the test
/// writes itself on a yearly grid (95,000 received; 5,000 after a year; 124,000 after two),
/// solved by the quadratic formula: v = (−5000 + √(5000² + 4 × 124000 × 95000)) ÷ (2 × 124000).
#[test]
fn yearly_fees_on_a_bullet_fall_on_each_anniversary() {
    let mut l = loan("100000", 24, "12", RepaymentMethod::Bullet);
    l.fees = vec![fee(FeeBasis::Percent(d("5")), FeePer::Year)];
    let s = run(&l);
    let fee_dates: Vec<String> = s
        .rows
        .iter()
        .filter(|r| r.fees > Decimal::ZERO)
        .map(|r| r.date.to_string())
        .collect();
    assert_eq!(fee_dates, ["2026-01-15", "2027-01-15"]);
    assert_eq!(s.rows.last().map(|r| r.payment), Some(d("124000.00")));
    let v = (-5000.0 + (5000.0_f64.powi(2) + 4.0 * 124_000.0 * 95_000.0).sqrt()) / (2.0 * 124_000.0);
    let expected = (1.0 / v - 1.0) * 100.0;
    let got = s.apr.to_f64().unwrap_or(0.0);
    assert!((got - expected).abs() < 0.0001, "{got} vs {expected}");
    // A 13-month bullet: the second year's fee falls at month 12, on a monthly grid.
    let mut l = loan("100000", 13, "14", RepaymentMethod::Bullet);
    l.fees = vec![fee(FeeBasis::Percent(d("5")), FeePer::Year)];
    let s = run(&l);
    assert_eq!(s.periods_per_year, d("12"));
    assert_eq!(s.fee_lines[0].total, d("10000.00"));
}

/// A one-day loan with a fee of half the amount compounds past any decimal: the effective
/// annual rate is an error, never 0%.
#[test]
fn an_effective_rate_too_large_is_an_error() {
    let mut l = loan("1000", 1, "0", RepaymentMethod::Bullet);
    l.term = LoanTerm::Days(1);
    l.fees = vec![fee(FeeBasis::Percent(d("50")), FeePer::Once)];
    let s = run(&l);
    assert!(s.apr > d("1000"));
    assert_eq!(s.effective_rate().map_err(|e| e.code.code), Err("LS183"));
    assert!(
        run(&loan("1000", 12, "4", RepaymentMethod::Bullet))
            .effective_rate()
            .is_ok()
    );
}

/// The case LS216 missed when it tried only the shortest and longest terms: 100,000 at 14% by
/// equal instalments over 13 months with a 5% fee for each year begun. The test builds the
/// flows itself in f64 (annuity to the fen, interest to the fen, the second fee with the
/// twelfth payment) and finds the rate by bisection: 30.4967% a year.
#[test]
fn a_yearly_fee_on_thirteen_months() {
    let mut l = loan("100000", 13, "14", RepaymentMethod::EqualInstallment);
    l.fees = vec![fee(FeeBasis::Percent(d("5")), FeePer::Year)];
    let s = run(&l);
    let r = 0.14_f64 / 12.0;
    let p = (100_000.0 * r / (1.0 - (1.0 + r).powi(-13)) * 100.0).round() / 100.0;
    let (mut balance, mut flows) = (100_000.0_f64, vec![95_000.0_f64]);
    for k in 1..=13 {
        let interest = (balance * r * 100.0).round() / 100.0;
        let principal = if k == 13 { balance } else { p - interest };
        balance -= principal;
        flows.push(-(principal + interest) - if k == 12 { 5000.0 } else { 0.0 });
    }
    let npv = |x: f64| flows.iter().zip(0..).map(|(c, t)| c / (1.0 + x).powi(t)).sum::<f64>();
    let (mut lo, mut hi) = (0.0_f64, 1.0_f64);
    for _ in 0..200 {
        let mid = f64::midpoint(lo, hi);
        if npv(mid) < 0.0 { lo = mid } else { hi = mid }
    }
    let got = s.apr.to_f64().unwrap_or(0.0);
    assert!((got - lo * 1200.0).abs() < 0.0001, "{got} vs {}", lo * 1200.0);
}

/// Started from a nearby rate (as the every-term APR search does), the IRR is the same root to
/// the last digit the APR shows, from a guess below, above or far off.
#[test]
fn irr_from_a_guess_finds_the_same_rate() {
    let mut l = loan("100000", 13, "14", RepaymentMethod::EqualInstallment);
    l.fees = vec![fee(FeeBasis::Percent(d("5")), FeePer::Year)];
    let plain = run(&l);
    let flows = apr_flows(&l).unwrap_or_else(|e| panic!("{}", e.message.en));
    assert_eq!(flows.apr(None), Some(plain.apr));
    // Monthly rates of 0.1%, 2%, 30% and -20%, as APRs.
    for near in ["1.2", "24", "360", "-240"] {
        assert_eq!(flows.apr(Some(d(near))), Some(plain.apr), "from {near}");
    }
}

/// Whether an APR stays within a ceiling, told from one present value, agrees with the APR
/// the search finds (the second method): within for a ceiling one step of the APR's last
/// decimal (0.0001%) above it, not within for one a step below, for loans of every method,
/// with fees at disbursement, yearly and per period.
#[test]
fn one_sum_tells_whether_the_apr_stays_within_a_ceiling() {
    let mut checked = 0;
    for method in [
        RepaymentMethod::EqualInstallment,
        RepaymentMethod::EqualPrincipal,
        RepaymentMethod::InterestOnly,
        RepaymentMethod::Bullet,
    ] {
        for (months, rate, fee_per) in [
            (12, "4.35", FeePer::Once),
            (13, "14", FeePer::Year),
            (36, "7.2", FeePer::Period),
        ] {
            let mut l = loan("100000", months, rate, method);
            l.fees = vec![fee(FeeBasis::Percent(d("1.5")), fee_per)];
            let apr = run(&l).apr;
            let flows = apr_flows(&l).unwrap_or_else(|e| panic!("{}", e.message.en));
            let bp = d("0.0001");
            assert!(flows.at_most(apr + bp), "{method:?} {months} {rate}: {apr}");
            assert!(!flows.at_most(apr - bp), "{method:?} {months} {rate}: {apr}");
            assert!(!flows.at_most(d("0")), "{method:?}");
            checked += 1;
        }
    }
    assert_eq!(checked, 12);
}
