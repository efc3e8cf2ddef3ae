"""Standalone checker for w146 narrations: re-executes each call under sys.settrace and checks claims/errors."""
import json, sys, copy, ast
from collections import defaultdict

def snap(v):
    try: return copy.deepcopy(v)
    except Exception: return repr(v)

def run(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = defaultdict(list); hits = defaultdict(int); at = defaultdict(list); last = {}
    def record(frame):
        vals = {}
        for k, v in frame.f_locals.items():
            vals[k] = v
            if k == 'self' and hasattr(v, '__dict__'):
                for a, av in vars(v).items(): vals['self.' + a] = av
        for k, v in vals.items():
            if k == 'self': continue
            s = snap(v); key = (id(frame), k)
            if key not in last or last[key] != s:
                last[key] = s; hist[k].append(s)
        return vals
    def tr(frame, event, arg):
        if frame.f_code.co_filename != "<prog>": return None
        if event == 'line':
            vals = record(frame)
            hits[frame.f_lineno] += 1
            at[frame.f_lineno].append({k: snap(v) for k, v in vals.items() if k != 'self'})
        elif event == 'return':
            record(frame)
        return tr
    sys.settrace(tr)
    try: res = eval(call, ns)
    finally: sys.settrace(None)
    return ns, res, hist, hits, at

def is_subseq(seq, hist):
    it = iter(hist); return all(any(x == h for h in it) for x in seq)

def check_claim(c, item, ctx):
    ns, res, hist, hits, at = ctx
    val = ast.literal_eval(c['value']); w = c['what']
    if w == 'value':
        if 'expr' in c and c['expr'] != 'seq': return eval(c['expr'], dict(ns)) == val
        if c.get('expr') == 'seq': return is_subseq(val, hist[c['variable']])
        return val in hist[c['variable']]
    if w == 'comparison':
        return bool(eval(c['expr'], dict(ns))) == val
    if w == 'arith':
        e = c.get('expr') or c['quote'].replace('`', '').rsplit('=', 1)[0]
        return eval(e, dict(ns)) == val
    if w == 'count':
        line = int(c['variable'].split('line')[1]); return hits[line] == val
    if w == 'return':
        return val == res
    if w == 'call':
        got = eval(c['quote'][len('Answer: '):], dict(ns))
        return got == val and got == res
    raise ValueError(w)

def check_error(item, ctx):
    ns, res, hist, hits, at = ctx
    e = item['error']; ch = e['check']; t = ch['type']
    lit = lambda s: ast.literal_eval(s)
    if t == 'expr':
        v = eval(ch['expr'], dict(ns)); ok = v == lit(e['actual']) and v != lit(e['stated'])
    elif t == 'count':
        ok = hits[ch['line']] == lit(e['actual']) != lit(e['stated'])
    elif t == 'at_line':
        v = at[ch['line']][ch['index']][ch['variable']]
        ok = v == lit(e['actual']) and v != lit(e['stated'])
    elif t == 'never':
        ok = lit(e['stated']) not in hist[ch['variable']] and lit(e['actual']) in hist[ch['variable']]
    elif t == 'answer':
        if item['direction'] == 'forward': ok = lit(item['answer']) != res
        else: ok = eval(item['answer'], dict(ns)) != res and eval(e['actual'], dict(ns)) == res
    else: raise ValueError(t)
    if e['held_elsewhere']:
        if t == 'at_line': ok = ok and lit(e['stated']) in hist[ch['variable']]
        elif t == 'expr' and 'held_var' in ch: ok = ok and lit(e['stated']) in hist[ch['held_var']]
        elif t == 'count': ok = ok and any(hits[l] == lit(e['stated']) for l in hits)
        else: ok = False
    return ok

def main(path):
    items = [json.loads(l) for l in open(path)]
    bad = 0; lines = []
    for it in items:
        probs = []
        ctx = run(it['code'], it['call'])
        if repr(ctx[1]) != it['returned']: probs.append("returned mismatch")
        for c in it['claims']:
            if c['quote'] not in it['rationale']: probs.append("quote missing: " + c['quote'])
            if c.get('error_claim'):
                continue  # judged by check_error below, at the exact point the error refers to
            ok = check_claim(c, it, ctx)
            if not ok: probs.append("claim false: " + c['quote'])
        last = it['rationale'].strip().splitlines()[-1]
        if last != "Answer: " + it['answer']: probs.append("answer line mismatch")
        if it['label'] == 'faithful':
            if it['direction'] == 'forward':
                if ast.literal_eval(it['answer']) != ctx[1]: probs.append("forward answer wrong")
            elif eval(it['answer'], dict(ctx[0])) != ctx[1]: probs.append("backward answer wrong")
        else:
            if it['error']['quote'] not in it['rationale']: probs.append("error quote missing")
            if not check_error(it, ctx): probs.append("error not confirmed false")
            if it['error']['kind'] not in ('wrong_final_answer', 'backward_wrong_input'):
                # answer must still be right
                if it['direction'] == 'forward':
                    if ast.literal_eval(it['answer']) != ctx[1]: probs.append("answer changed")
                elif eval(it['answer'], dict(ctx[0])) != ctx[1]: probs.append("answer changed")
        status = "PASS" if not probs else "FAIL"
        bad += bool(probs)
        lines.append(f"{status} {it['id']} ({len(it['claims'])} claims)" + ("".join("\n    " + p for p in probs)))
    lines.append(f"\n{len(items) - bad}/{len(items)} items pass")
    return bad, "\n".join(lines)

if __name__ == "__main__":
    bad, rep = main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl")
    print(rep)
    sys.exit(1 if bad else 0)
