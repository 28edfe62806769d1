//! `loanspec report`: the committee page for the example catalogue. Counts worked out from the
//! examples by hand: 1 product in risk review, 2 in pilot, 7 launched, 1 retired; 10 of them
//! have rows in `examples/metrics/2026-11.csv` (the green loan, still in risk review, has none).

use std::fs;

use super::{loanspec, root, stdout};

fn report(args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = dir.path().join("report.html");
    let (code, _, err) = stdout(
        loanspec()
            .current_dir(root())
            .args(["report", "examples/", "--as-of", "2026-11-29", "-o"])
            .arg(&out)
            .args(args),
    );
    assert_eq!(code, 0, "{err}");
    fs::read_to_string(&out).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_report_has_a_board_a_section_per_product_and_charts() {
    let page = report(&["--metrics", "examples/metrics/2026-11.csv", "--lang", "en"]);
    assert!(page.starts_with("<!DOCTYPE html>"));
    // The board: nine columns, with the products counted by stage.
    assert_eq!(page.matches("<div class=column>").count(), 9);
    for (stage, n) in [
        ("Risk review", 1),
        ("Pilot", 2),
        ("Launched", 7),
        ("Retired", 1),
        ("Proposal", 0),
    ] {
        assert!(
            page.contains(&format!("<h2>{stage}<span class=count>{n}</span></h2>")),
            "{stage}"
        );
    }
    // A section per product, each with its code as the anchor.
    assert_eq!(page.matches("<section class=product").count(), 11);
    assert!(page.contains("<section class=product id=\"SME-E-LOAN\">"));
    // Two charts for each product with metrics.
    assert_eq!(page.matches("<svg").count(), 20);
    // The monitoring outcome on the cards: the e-loan's trigger, the consumer loan's alert.
    assert!(page.contains("retirement trigger fired"));
    assert!(page.contains("overdue alert"));
    // The reference loan of the quick loan, as compile reports it: 10万 over 24 months.
    assert!(page.contains("Reference loan"));
    // The embedded LPR table ends on 2026-03-20, long before the as-of date: the page says so
    // at the top (not only stderr), and each LPR rate names the fixing it used.
    assert!(
        page.contains("Read this first") && page.contains("LS127"),
        "no stale-table notice"
    );
    assert!(page.contains("fixing of 2026-03-20"));
    // Self-contained: no script, no external style, font, image or link.
    for banned in ["<script", "src=\"http", "href=\"http", "@import", "url(", "<link"] {
        assert!(!page.contains(banned), "{banned}");
    }
    // The same input gives the same bytes.
    assert_eq!(
        page,
        report(&["--metrics", "examples/metrics/2026-11.csv", "--lang", "en"])
    );
}

#[test]
fn the_report_speaks_chinese_and_works_without_metrics() {
    let page = report(&["--lang", "zh"]);
    assert!(page.contains("<html lang=zh-CN>"));
    for label in ["贷款产品目录", "全面推广", "试点验证", "参考贷款", "签批"] {
        assert!(page.contains(label), "{label}");
    }
    assert_eq!(page.matches("<svg").count(), 0);
    // A committee paper in Chinese names values by their Chinese terms, not the spec's codes.
    for term in ["<td>个人消费</td>", "<td>个人</td>", "等额本息", "万 人民币</td>"] {
        assert!(page.contains(term), "{term}");
    }
    for code in [">consumption<", ">individual<", "equal_installment", "risk_management"] {
        assert!(!page.contains(code), "{code} in the zh report");
    }
}
