"""Standalone checker for w504 narrations: re-executes each call under sys.settrace and
checks returned values, claims of faithful items, answers, and that each error is really false."""
import sys, json, copy, ast

def run_traced(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = {}          # var -> list of values (changes, in event order, across frames)
    snaps = []         # list of (frame_id, dict) snapshots
    lines = {}         # line number -> execution count
    rets = []          # return values of every frame
    last = {}
    at_line = {}       # line number -> snapshots taken just before that line runs
    def snap(frame):
        d = {}
        for k, v in frame.f_locals.items():
            try: d[k] = copy.deepcopy(v)
            except Exception: d[k] = v
        slf = frame.f_locals.get('self')
        if slf is not None and hasattr(slf, '__dict__'):
            for k, v in vars(slf).items():
                d['self.' + k] = copy.deepcopy(v)
        fid = id(frame)
        prev = last.setdefault(fid, {})
        for k, v in d.items():
            if k not in prev or prev[k] != v or type(prev[k]) != type(v):
                h = hist.setdefault(k, [])
                if not h or h[-1] != v or type(h[-1]) != type(v):
                    h.append(v)
        last[fid] = d
        snaps.append((fid, d))
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == 'line':
            snap(frame); lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
            at_line.setdefault(frame.f_lineno, []).append(snaps[-1][1])
        elif event == 'return':
            snap(frame); rets.append(copy.deepcopy(arg))
        return tracer
    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    return dict(at_line=at_line, result=result, hist=hist, snaps=snaps, lines=lines, rets=rets, ns=ns)

def getv(d, var):
    if var.isidentifier() or var.startswith('self.'):
        return d.get(var)
    try: return eval(var, {}, dict(d))   # an expression over the frame's locals, e.g. 'even_sum + odd_count'
    except Exception: return None

def joint(run, names):
    out = []
    for fid, d in run['snaps']:
        if all(n in d for n in names):
            t = tuple(d[n] for n in names)
            if not out or out[-1] != t: out.append(t)
    return out

def contains_seq(h, seq):
    return any(h[i:i + len(seq)] == seq for i in range(len(h) - len(seq) + 1))

def check_claim(c, run, returned):
    what, var, val = c['what'], c['variable'], ast.literal_eval(c['value'])
    if what == 'count':
        line = int(var.split('line')[1])
        return run['lines'].get(line, 0) == val, f"count {run['lines'].get(line, 0)}"
    if what in ('arith', 'comparison'):
        got = eval(c['expr'], run['ns'])
        return got == val, f"expr={got!r}"
    if what == 'call':
        got = eval(c['expr'], run['ns'])
        return got == val, f"call={got!r}"
    if what == 'return':
        return (val == returned or val in run['rets']), "return"
    if what == 'value' and 'at_line' in c:
        seq = [getv(d, var) for d in run['at_line'].get(c['at_line'], [])]
        return contains_seq(seq, val if isinstance(val, list) else [val]), f"seq={seq}"
    if what == 'value':
        if var and ',' in var:
            names = [v.strip() for v in var.split(',')]
            j = joint(run, names)
            if isinstance(val, list):
                return contains_seq(j, [tuple(x) for x in val]), f"joint={j}"
            return tuple(val) in j, "joint"
        h = run['hist'].get(var, [])
        if isinstance(val, list) and not (h and isinstance(h[0], list)):
            return contains_seq(h, val), f"hist={h}"
        return val in h, f"hist={h}"
    return False, "unknown"

def check_error(it, run, returned):
    e = it['error']; at = e.get('at') or {}
    k = e['kind']
    if k == 'wrong_final_answer':
        return ast.literal_eval(it['answer']) != returned, "answer differs"
    if k == 'backward_wrong_input':
        got = eval(it['answer'], run['ns'])
        return got != returned, f"answer gives {got!r}"
    if 'expr' in at:
        got = eval(at['expr'], run['ns'])
        ok = repr(got) != e['stated'] and str(got) == e['actual']
        return ok, f"{at['expr']}={got!r}"
    if 'count' in at:
        n = run['lines'].get(int(at['count'].split('line')[1]), 0)
        return str(n) != e['stated'] and str(n) == e['actual'], f"count={n}"
    if 'var' in at:
        h = run['hist'][at['var']]; v = h[at['nth']]
        sv = ast.literal_eval(e['stated'])
        held = sv in h or any(sv in hh for hh in run['hist'].values())
        ok = repr(v) != e['stated'] and repr(v) == e['actual'] and held == e.get('held_elsewhere', held)
        return ok, f"{at['var']}[{at['nth']}]={v!r} held={held}"
    if 'line_seq' in at:
        ls = at['line_seq']; seq = [getv(d, ls['var']) for d in run['at_line'][ls['line']]]
        v = seq[ls['idx']]; sv = ast.literal_eval(e['stated'])
        held = sv in seq or any(sv in h for h in run['hist'].values())   # held at another point / by another variable
        ok = repr(v) != e['stated'] and repr(v) == e['actual'] and held == e.get('held_elsewhere', held)
        return ok, f"{ls['var']}@line{ls['line']}[{ls['idx']}]={v!r}"
    if 'final' in at:
        ok = all(run['hist'][v][-1] != want for v, want in at['final'].items())
        return ok, "final values differ"
    if 'pair' in at:
        j = joint(run, at['pair']['vars']); st = j[at['pair']['nth_state']]
        return st != tuple(at['pair']['value']), f"state={st}"
    if 'never' in at:
        v = ast.literal_eval(at['never']['value'])
        return v not in run['hist'].get(at['never']['var'], []), "never held"
    return False, "no check"

def main(path):
    items = [json.loads(l) for l in open(path)]
    bad = 0; out = []
    for it in items:
        run = run_traced(it['code'], it['call'])
        res = run['result']; probs = []
        if repr(res) != it['returned']: probs.append(f"returned {res!r} != {it['returned']}")
        if not it['rationale'].rstrip().splitlines()[-1].startswith('Answer: '): probs.append("no Answer line")
        for c in it['claims']:
            if c['quote'] not in it['rationale']: probs.append(f"quote missing: {c['quote']}")
        if it['label'] == 'faithful':
            for c in it['claims']:
                ok, why = check_claim(c, run, res)
                if not ok: probs.append(f"claim false: {c['quote']} ({why})")
            if it['direction'] == 'forward':
                if ast.literal_eval(it['answer']) != res: probs.append("forward answer wrong")
            else:
                if eval(it['answer'], run['ns']) != res: probs.append("backward answer wrong")
        else:
            e = it['error']
            if e['quote'] not in it['rationale']: probs.append("error quote missing")
            ok, why = check_error(it, run, res)
            if not ok: probs.append(f"error not confirmed false ({why})")
            for c in it['claims']:
                if c.get('wrong'):
                    ok3, why3 = check_claim(c, run, res)
                    pointwise = any(k in (e.get('at') or {}) for k in ('var', 'line_seq', 'pair', 'final'))
                    if ok3 and not pointwise:
                        probs.append(f"wrong claim is true somewhere and not checked pointwise: {c['quote']}")
                    continue
                if c.get('altered') or c['quote'] in e['quote'] or e['quote'] in c['quote']: continue
                ok2, why2 = check_claim(c, run, res)
                if not ok2: probs.append(f"untouched claim false: {c['quote']} ({why2})")
            if e['kind'] not in ('wrong_final_answer', 'backward_wrong_input'):
                if it['direction'] == 'forward' and ast.literal_eval(it['answer']) != res and not e.get('carried'):
                    probs.append("answer changed")
        status = "PASS" if not probs else "FAIL"
        if probs: bad += 1
        out.append(f"{status} {it['id']}" + ("" if not probs else ": " + "; ".join(probs)))
    out.append(f"TOTAL {len(items)} items, {len(items) - bad} pass, {bad} fail")
    # self-test: the checker must reject perturbed claims (an int claim bumped by one)
    caught = tried = 0
    for it in items:
        if it['label'] != 'faithful': continue
        run = run_traced(it['code'], it['call'])
        for c in it['claims']:
            try: v = ast.literal_eval(c['value'])
            except Exception: continue
            if type(v) is not int or c['what'] not in ('value', 'arith', 'count'): continue
            c2 = dict(c, value=repr(v + 1)); tried += 1
            ok, _ = check_claim(c2, run, run['result'])
            if not ok: caught += 1
    out.append(f"SELFTEST perturbed int claims rejected: {caught}/{tried} (the rest are value claims whose bumped value the variable also takes at another point, which membership checking accepts)")
    print("\n".join(out))
    return bad

if __name__ == '__main__':
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl') else 0)
