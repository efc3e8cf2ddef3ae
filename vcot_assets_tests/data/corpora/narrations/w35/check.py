#!/usr/bin/env python3
"""Standalone checker for w35 narrations: runs each program under sys.settrace,
records per-frame variable snapshots and line counts, and checks every claim."""
import ast, copy, json, re, sys
from collections import Counter

FN = '<w35prog>'

def run_traced(code, call):
    ns = {'__name__': 'w35prog'}
    exec(compile(code, FN, 'exec'), ns)
    snaps, lines = [], Counter()
    def snap(frame):
        d = {}
        for k, v in frame.f_locals.items():
            try:
                d[k] = copy.deepcopy(v)
            except Exception:
                d[k] = v
        s = d.get('self')
        if s is not None and hasattr(s, '__dict__'):
            for k, v in vars(s).items():
                d['self.' + k] = v
        snaps.append(d)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        if event == 'line':
            lines[frame.f_lineno] += 1
            snap(frame)
        elif event == 'return':
            snap(frame)
        return tracer
    sys.settrace(tracer)
    try:
        result = eval(compile(call, '<call>', 'eval'), ns)
    finally:
        sys.settrace(None)
    return ns, result, snaps, lines

def plain_eval(call, code):
    ns = {'__name__': 'w35prog'}
    exec(compile(code, FN, 'exec'), ns)
    return eval(call, ns)

def history(var, snaps):
    out = []
    for s in snaps:
        if var in s:
            v = s[var]
        else:
            try:
                v = eval(var, {}, dict(s))
            except Exception:
                continue
        if not out or out[-1] != v:
            out.append(v)
    return out

def is_subseq(seq, hist):
    it = iter(hist)
    return all(any(x == h for h in it) for x in seq)

def strip_q(q):
    return q.replace('`', '').replace('×', '*').replace('−', '-').strip()

def claim_ok(c, ns, result, snaps, lines):
    what, var = c['what'], c['variable']
    val = ast.literal_eval(c['value'])
    if what in ('value', 'call'):
        if var is None:
            return any(val == v for s in snaps for v in s.values()) or val == result
        h = history(var, snaps)
        if val in h:
            return True
        if isinstance(val, (list, tuple)) and len(val) >= 2 and all(not isinstance(x, (list, tuple, dict)) for x in val) \
                and not any(isinstance(x, (list, tuple)) for x in h):
            return is_subseq(list(val), h)
        return False
    if what == 'count':
        m = re.match(r'loop@line (\d+)$', var or '')
        assert m, var
        return lines[int(m.group(1))] == val
    if what == 'arith':
        q = strip_q(c['quote'])
        m = re.match(r'^(.*?)(?<![<>=!])=(?!=)\s*(.*)$', q)
        lhs = m.group(1) if m else re.split(r'\s+(?:is|gives|equals|makes)\s+', q)[0]
        return eval(lhs, {}, {}) == val
    if what == 'comparison':
        raw = c['quote'].replace('×', '*').replace('−', '-')
        ticks = [re.sub(r'^(if|elif|while)\s+', '', t).rstrip(':').strip() for t in re.findall(r'`([^`]+)`', raw)]
        q = strip_q(raw)
        ops = r"(?:<=|>=|==|!=|<|>|\bnot in\b|\bin\b)"
        regs = [m.group(0).strip() for m in re.finditer(r"-?[\w.'\"\[\]()]+\s*" + ops + r"\s*-?[\w.'\"\[\]()]+", q)]
        for e in ticks + regs:
            try:
                return bool(eval(e, {}, {})) == val
            except Exception:
                pass
        # fall back: comparison over variables, with that truth value at some recorded point
        for e in ticks + regs:
            for s in snaps:
                try:
                    if bool(eval(e, ns, dict(s))) == val:
                        return True
                except Exception:
                    pass
        raise ValueError('cannot evaluate comparison: ' + c['quote'])
    if what == 'return':
        return val == result
    raise ValueError(what)

def check_item(it):
    probs = []
    ns, result, snaps, lines = run_traced(it['code'], it['call'])
    if repr(result) != it['returned']:
        probs.append(f"returned mismatch {result!r} vs {it['returned']}")
    rat = it['rationale']
    last = rat.rstrip().splitlines()[-1]
    if not last.startswith('Answer:') or last[len('Answer:'):].strip() != it['answer']:
        probs.append('answer line mismatch')
    for c in it['claims']:
        if c['quote'] not in rat:
            probs.append('quote not in rationale: ' + c['quote'])
    def ans_ok():
        if it['direction'] == 'forward':
            return ast.literal_eval(it['answer']) == result
        return repr(plain_eval(it['answer'], it['code'])) == it['returned']
    if it['label'] == 'faithful':
        if not ans_ok():
            probs.append('answer wrong')
        for c in it['claims']:
            try:
                ok = claim_ok(c, ns, result, snaps, lines)
            except Exception as e:
                ok = False; probs.append(f'claim error {c} {e}')
            if not ok:
                probs.append(f'false claim {c}')
    else:
        e = it['error']
        if e['quote'] not in rat:
            probs.append('error quote not in rationale')
        kind = e['kind']
        if kind in ('wrong_final_answer', 'backward_wrong_input'):
            if ans_ok():
                probs.append('error answer is actually right')
        elif not ans_ok() and not e.get('carried'):
            probs.append('answer wrong in non-answer error copy')
        ecl = [c for c in it['claims'] if c['quote'] == e['quote']]
        if kind != 'backward_wrong_input':
            if not ecl:
                probs.append('no claim for error quote')
            elif all(claim_ok(c, ns, result, snaps, lines) for c in ecl):
                probs.append('error claim is actually true')
        for c in it['claims']:
            if c in ecl:
                continue
            try:
                ok = claim_ok(c, ns, result, snaps, lines)
            except Exception as ex:
                ok = False
            if not ok and not e.get('carried'):
                probs.append(f'other claim false {c}')
    return probs

def main():
    path = sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl'
    items = [json.loads(l) for l in open(path)]
    ids = {it['id'] for it in items}
    bad = 0
    out = []
    for it in items:
        try:
            p = check_item(it)
        except Exception as ex:
            p = [f'crash {ex!r}']
        if it['label'] == 'error' and it['faithful_id'] not in ids:
            p.append('faithful_id missing')
        out.append(f"{'PASS' if not p else 'FAIL'} {it['id']} ({len(it['claims'])} claims)" + ''.join('\n    ' + x for x in p))
        bad += bool(p)
    st = Counter(i['style'] for i in items if i['label'] == 'faithful')
    dr = Counter(i['direction'] for i in items if i['label'] == 'faithful')
    fam = Counter(i['family'] for i in items if i['label'] == 'faithful')
    ek = Counter(i['error']['kind'] for i in items if i['label'] == 'error')
    out.append(f"\n{len(items)} items, {len(items)-bad} pass, {bad} fail")
    ed = Counter(i['direction'] for i in items if i['label'] == 'error')
    tb = Counter('<30' if i['trace_events'] < 30 else '30-100' if i['trace_events'] <= 100 else '>100' for i in items if i['label'] == 'faithful')
    over200 = sorted({i['program_id'] for i in items if i['trace_events'] > 200})
    kinds = Counter(i['kind'] for i in items if i['label'] == 'faithful')
    out.append(f"error copies by direction: {dict(ed)}\ntrace-length buckets (programs): {dict(tb)}; over 200 events: {over200}\nprogram kinds: {dict(kinds)}")
    out.append(f"faithful styles: {dict(st)}\nfaithful directions: {dict(dr)}\nfamilies: {dict(fam)}\nerror kinds: {dict(ek)}")
    print('\n'.join(out))
    return 1 if bad else 0

if __name__ == '__main__':
    sys.exit(main())
