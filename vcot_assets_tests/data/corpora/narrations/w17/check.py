#!/usr/bin/env python3
"""Standalone checker for the w17 narration corpus.

Runs every program call under sys.settrace (own tracer, no project tool code), records a
snapshot of each frame's locals at every line/return event, every function's return values and
loop iteration counts, then verifies each narration's claims, answer and error annotation.

Claim semantics (extra scoping for a claim lives in check_meta.jsonl, keyed by item id and claim
index: `line` = only snapshots taken at that source line, `when` = a Python condition over the
frame's locals, `err` = this is the claim holding the error, `carried` = wrong because an earlier
error was carried forward):
  value      : eval(variable) over snapshots; true if some (filtered) snapshot gives `value`
  comparison : same, with value True/False (variable holds the condition)
  count      : variable 'loop@line N'; true if `value` is one entry's iteration count or the total
  arith      : eval(quote) == value (variable, when given, is evaluated instead of the quote)
  return/call: variable names a function: some call of it returned `value`;
               variable null: the top-level call returned `value`
For error items, the claims flagged `err` must be false and all non-carried others true; a
wrong_final_answer / backward_wrong_input item must have a wrong answer, all others a right one.
"""
import ast, copy, json, sys
from collections import defaultdict

FN = '<w17prog>'


class Run:
    def __init__(self, code, call):
        self.code = code
        self.snaps = []          # (frame_id, func, event, lineno, locals)
        self.returns = defaultdict(list)
        self.lines = defaultdict(list)   # frame_id -> [lineno...] line events
        ns = {}
        exec(compile(code, FN, 'exec'), ns)
        self.ns = ns

        def tracer(frame, event, arg):
            if frame.f_code.co_filename != FN:
                return tracer
            fid = id(frame)
            if event in ('line', 'return'):
                try:
                    loc = copy.deepcopy(dict(frame.f_locals))
                except Exception:
                    loc = dict(frame.f_locals)
                self.snaps.append((fid, frame.f_code.co_name, event, frame.f_lineno, loc))
            if event == 'line':
                self.lines[fid].append(frame.f_lineno)
            if event == 'line' or event == 'call':
                self._order.append((fid, event, frame.f_lineno, frame.f_code.co_name))
            if event == 'return':
                self.returns[frame.f_code.co_name].append(copy.deepcopy(arg))
                self._order.append((fid, 'return', frame.f_lineno, frame.f_code.co_name))
            return tracer
        self._order = []
        sys.settrace(tracer)
        try:
            self.result = eval(call, ns)
        finally:
            sys.settrace(None)
        self.tree = ast.parse(code)

    def loop_counts(self, line):
        node = None
        for n in ast.walk(self.tree):
            if isinstance(n, (ast.For, ast.While)) and n.lineno == line:
                node = n
        if node is None:
            raise ValueError('no loop at line %d' % line)
        body_lo = node.body[0].lineno
        body_hi = max(getattr(b, 'end_lineno', b.lineno) for b in node.body)
        counts = []
        # walk each frame's line sequence separately (a call starts fresh)
        per_frame = defaultdict(list)
        for fid, ev, ln, fn in self._order:
            if ev == 'call':
                per_frame[fid].append(None)   # frame boundary marker
            elif ev == 'line':
                per_frame[fid].append(ln)
        for seq in per_frame.values():
            prev = None
            for ln in seq:
                if ln is None:
                    prev = None
                    continue
                if ln == line and not (prev is not None and (prev == line or body_lo <= prev <= body_hi)):
                    counts.append(0)
                elif prev == line and body_lo <= ln <= body_hi and counts:
                    counts[-1] += 1
                prev = ln
        return counts

    def filtered(self, meta):
        out = []
        for fid, fn, ev, ln, loc in self.snaps:
            if 'line' in meta and ln != meta['line']:
                continue
            if 'func' in meta and fn != meta['func']:
                continue
            if 'when' in meta:
                try:
                    if not eval(meta['when'], dict(self.ns), dict(loc)):
                        continue
                except Exception:
                    continue
            out.append(loc)
        return out

    def evals(self, expr, meta):
        vals = []
        for loc in self.filtered(meta):
            try:
                vals.append(eval(expr, dict(self.ns), dict(loc)))
            except Exception:
                pass
        return vals


def claim_true(run, c, meta):
    """Return (ok, detail)."""
    what = c['what']
    var = c.get('variable')
    val = eval(c['value'])
    if what == 'count':
        assert var and var.startswith('loop@line '), var
        counts = run.loop_counts(int(var.split()[-1]))
        ok = val in counts or val == sum(counts)
        return ok, 'counts=%s' % counts
    if what == 'arith':
        expr = var if var else c['quote']
        expr = expr.replace('`', '').replace('×', '*').replace('−', '-')
        got = eval(expr, {})
        return got == val, 'eval=%r' % (got,)
    if what in ('return', 'call'):
        if var is None:
            return run.result == val, 'result=%r' % (run.result,)
        if var in run.returns:
            return val in run.returns[var], 'returns=%r' % (run.returns[var][:20],)
        vals = run.evals(var, meta)
        return val in vals, 'vals=%r' % (vals[:20],)
    if what in ('value', 'comparison'):
        vals = run.evals(var, meta)
        if not vals:
            return False, 'no snapshot evaluates %r' % var
        return val in vals, 'vals=%r' % (uniq(vals)[:20],)
    raise ValueError(what)


def uniq(xs):
    out = []
    for x in xs:
        if x not in out:
            out.append(x)
    return out


def main():
    items = [json.loads(l) for l in open('narrations.jsonl')]
    metas = {}
    try:
        for l in open('check_meta.jsonl'):
            m = json.loads(l)
            metas[m['id']] = m
    except FileNotFoundError:
        pass
    runs = {}
    report = []
    nfail = 0
    for it in items:
        key = (it['code'], it['call'])
        if key not in runs:
            runs[key] = Run(it['code'], it['call'])
        run = runs[key]
        probs = []
        if repr(run.result) != it['returned']:
            probs.append('returned mismatch %r vs %s' % (run.result, it['returned']))
        cm = metas.get(it['id'], {}).get('claims', [{}] * len(it['claims']))
        err_flagged = 0
        for c, m in zip(it['claims'], cm):
            if c['quote'] not in it['rationale']:
                probs.append('quote not in rationale: %r' % c['quote'])
            try:
                ok, det = claim_true(run, c, m)
            except Exception as ex:
                ok, det = False, 'claim could not be evaluated: %r' % (ex,)
            if m.get('err'):
                err_flagged += 1
                if ok:
                    probs.append('error claim is actually TRUE: %r (%s)' % (c['quote'], det))
            elif m.get('carried'):
                pass
            elif not ok:
                probs.append('claim FALSE: %r %s=%s (%s)' % (c['quote'], c.get('variable'), c['value'], det))
        # answer
        ekind = it['error']['kind'] if it['error'] else None
        if it['direction'] == 'forward':
            ans_ok = eval(it['answer']) == run.result
        else:
            try:
                r2 = Run(it['code'], it['answer']).result
                ans_ok = r2 == run.result and repr(r2) == it['returned']
            except Exception as e:
                ans_ok = False
        if ekind in ('wrong_final_answer', 'backward_wrong_input'):
            if ans_ok:
                probs.append('answer should be wrong but is right: %s' % it['answer'])
        elif not ans_ok:
            probs.append('answer wrong: %s' % it['answer'])
        if not it['rationale'].rstrip().splitlines()[-1].strip().startswith(('Answer:', 'Predicted Output:')):
            probs.append('last line is not an Answer line')
        if it['label'] == 'error':
            e = it['error']
            if e['quote'] not in it['rationale']:
                probs.append('error quote not in rationale')
            if ekind not in ('wrong_final_answer', 'backward_wrong_input') and err_flagged == 0:
                probs.append('no err-flagged claim')
            if ekind == 'backward_wrong_input' and it['direction'] != 'backward':
                probs.append('backward_wrong_input on forward item')
            if ekind == 'wrong_final_answer' and it['direction'] != 'forward':
                probs.append('wrong_final_answer on backward item')
        status = 'PASS' if not probs else 'FAIL'
        nfail += bool(probs)
        report.append('%s %s (%d claims)' % (status, it['id'], len(it['claims'])))
        for p in probs:
            report.append('    ' + p)
    report.append('')
    report.append('%d items, %d failing' % (len(items), nfail))
    txt = '\n'.join(report)
    open('check_report.txt', 'w').write(txt + '\n')
    print(txt)
    return 1 if nfail else 0


if __name__ == '__main__':
    sys.exit(main())
