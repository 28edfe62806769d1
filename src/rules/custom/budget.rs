//! Bounds on a custom rule: its expression depth, and the step counter instrumented into its
//! comprehensions so an evaluation stops at the budget.

use super::{
    CallExpr, Context, EntryExpr, Expr, IdedExpr, MAX_STEPS, Program, STEP, StepFunction, VARIABLES, operators,
};

/// Adds the step counter to a context: the counter, to reset before each evaluation.
pub(super) fn count_steps(context: &mut Context) -> Option<std::sync::Arc<std::sync::atomic::AtomicU64>> {
    let steps = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let counter = std::sync::Arc::clone(&steps);
    let step: StepFunction = Box::new(move |ftx: &mut cel::FunctionContext<'_, '_>| {
        if counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed) >= MAX_STEPS {
            return Err(ftx.error(OVER_BUDGET));
        }
        ftx.args.first().cloned().ok_or_else(|| ftx.error("a step of nothing"))
    });
    context.add_function(STEP, step).ok()?;
    Some(steps)
}

/// The error the step counter stops an evaluation with.
pub(super) const OVER_BUDGET: &str = "loanspec step budget exhausted";

/// How deep an expression tree goes (counted without recursion: it is measured before it is
/// known to be shallow).
pub(super) fn depth(expr: &IdedExpr) -> usize {
    let mut deepest = 0;
    let mut todo = vec![(expr, 1)];
    while let Some((e, d)) = todo.pop() {
        deepest = deepest.max(d);
        todo.extend(children(e).into_iter().map(|c| (c, d + 1)));
    }
    deepest
}

pub(super) fn children(expr: &IdedExpr) -> Vec<&IdedExpr> {
    match &expr.expr {
        Expr::Call(call) => call.target.as_deref().into_iter().chain(&call.args).collect(),
        Expr::Comprehension(c) => vec![&c.iter_range, &c.accu_init, &c.loop_cond, &c.loop_step, &c.result],
        Expr::List(list) => list.elements.iter().collect(),
        Expr::Map(map) => entries(&map.entries),
        Expr::Struct(st) => entries(&st.entries),
        Expr::Select(select) => vec![&select.operand],
        Expr::Unspecified | Expr::Ident(_) | Expr::Literal(_) => Vec::new(),
    }
}

pub(super) fn entries(entries: &[cel::common::ast::IdedEntryExpr]) -> Vec<&IdedExpr> {
    entries
        .iter()
        .flat_map(|e| match &e.expr {
            EntryExpr::StructField(f) => vec![&f.value],
            EntryExpr::MapEntry(m) => vec![&m.key, &m.value],
        })
        .collect()
}

/// The expression with the step counter in every comprehension: around each step of `all`,
/// `exists` and `exists_one`; in `map` and `filter`, around the appended item and the filter's
/// guard, the shapes CEL builds a list from without copying it each time.
pub(super) fn instrument(expr: &IdedExpr) -> IdedExpr {
    let mut expr = expr.clone();
    let mut next_id = max_id(&expr) + 1;
    visit(&mut expr, &mut next_id);
    expr
}

pub(super) fn max_id(expr: &IdedExpr) -> u64 {
    let mut max = 0;
    let mut todo = vec![expr];
    while let Some(e) = todo.pop() {
        max = max.max(e.id);
        todo.extend(children(e));
    }
    max
}

pub(super) fn visit(expr: &mut IdedExpr, next_id: &mut u64) {
    match &mut expr.expr {
        Expr::Comprehension(c) => {
            for child in [
                &mut c.iter_range,
                &mut c.accu_init,
                &mut c.loop_cond,
                &mut c.loop_step,
                &mut c.result,
            ] {
                visit(child, next_id);
            }
            let accu = c.accu_var.clone();
            let step = &mut c.loop_step;
            if appended_shape(step, &accu) {
                // `map`: the item appended.
                count_items(step, next_id);
            } else if let Expr::Call(call) = &mut step.expr
                && call.func_name == operators::CONDITIONAL
                && call.target.is_none()
                && call.args.len() == 3
                && appended_shape(&call.args[1], &accu)
            {
                // `filter` (and `map` with a filter): the guard, evaluated every iteration.
                count(&mut call.args[0], next_id);
            } else {
                count(step, next_id);
            }
        }
        Expr::Call(call) => {
            if let Some(target) = &mut call.target {
                visit(target, next_id);
            }
            for arg in &mut call.args {
                visit(arg, next_id);
            }
        }
        Expr::List(list) => {
            for item in &mut list.elements {
                visit(item, next_id);
            }
        }
        Expr::Map(map) => visit_entries(&mut map.entries, next_id),
        Expr::Struct(st) => visit_entries(&mut st.entries, next_id),
        Expr::Select(select) => visit(&mut select.operand, next_id),
        Expr::Unspecified | Expr::Ident(_) | Expr::Literal(_) => {}
    }
}

/// `accu + [item]`: the step of `map` (and of `filter` past its guard).
pub(super) fn appended_shape(expr: &IdedExpr, accu: &str) -> bool {
    let Expr::Call(call) = &expr.expr else { return false };
    call.func_name == operators::ADD
        && call.target.is_none()
        && matches!(call.args.as_slice(), [lhs, rhs]
            if matches!(&lhs.expr, Expr::Ident(n) if n == accu) && matches!(rhs.expr, Expr::List(_)))
}

pub(super) fn visit_entries(entries: &mut [cel::common::ast::IdedEntryExpr], next_id: &mut u64) {
    for e in entries {
        match &mut e.expr {
            EntryExpr::StructField(f) => visit(&mut f.value, next_id),
            EntryExpr::MapEntry(m) => {
                visit(&mut m.key, next_id);
                visit(&mut m.value, next_id);
            }
        }
    }
}

/// Counts the item of an `accu + [item]` step.
pub(super) fn count_items(step: &mut IdedExpr, next_id: &mut u64) {
    if let Expr::Call(call) = &mut step.expr {
        if let Some(Expr::List(list)) = call.args.get_mut(1).map(|a| &mut a.expr) {
            for item in &mut list.elements {
                count(item, next_id);
            }
        }
    }
}

/// Wraps `expr` in a call of the step counter, which returns it unchanged.
pub(super) fn count(expr: &mut IdedExpr, next_id: &mut u64) {
    let inner = std::mem::take(expr);
    *expr = IdedExpr {
        id: *next_id,
        expr: Expr::Call(CallExpr {
            func_name: STEP.to_owned(),
            target: None,
            args: vec![inner],
        }),
    };
    *next_id += 1;
}

/// Where a finding of a rule points when it does not say: the first product section its check
/// names, or the product's code.
pub(super) fn pointer_for(check: &Program) -> String {
    free_variables(check.expression())
        .into_iter()
        .find(|v| VARIABLES.contains(&v.as_str()))
        .map_or_else(|| "/code".to_owned(), |v| format!("/{v}"))
}

/// The variables an expression reads from outside: every name but those a comprehension binds
/// (`t` in `term.options.all(t, t <= 60)`, and its accumulator), in name order.
pub(super) fn free_variables(expr: &IdedExpr) -> std::collections::BTreeSet<String> {
    fn walk(expr: &IdedExpr, bound: &mut Vec<String>, out: &mut std::collections::BTreeSet<String>) {
        match &expr.expr {
            Expr::Ident(name) if !bound.contains(name) => {
                out.insert(name.clone());
            }
            Expr::Comprehension(c) => {
                walk(&c.iter_range, bound, out);
                walk(&c.accu_init, bound, out);
                let before = bound.len();
                bound.push(c.accu_var.clone());
                walk(&c.result, bound, out);
                bound.push(c.iter_var.clone());
                bound.extend(c.iter_var2.clone());
                walk(&c.loop_cond, bound, out);
                walk(&c.loop_step, bound, out);
                bound.truncate(before);
            }
            _ => {
                for child in children(expr) {
                    walk(child, bound, out);
                }
            }
        }
    }
    let mut out = std::collections::BTreeSet::new();
    walk(expr, &mut Vec::new(), &mut out);
    out
}
