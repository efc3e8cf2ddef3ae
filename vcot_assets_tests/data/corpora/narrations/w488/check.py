"""Standalone checker for w488 narrations: re-executes each program with sys.settrace."""
import ast, json, sys

def literal(s):
    try:
        return ast.literal_eval(s)
    except Exception:
        return s

def run(code, call):
    """Execute code, run call; return (result, hist, line_hits).
    hist: name -> list of values (consecutive duplicates collapsed), over all frames of the program;
    self attributes are recorded as 'self.x'."""
    hist, hits = {}, {}
    def rec(name, val):
        try:
            v = repr(val); v = ast.literal_eval(v)
        except Exception:
            return
        h = hist.setdefault(name, [])
        if not h or h[-1] != v:
            h.append(v)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == 'self':
                for a, av in vars(v).items(): rec('self.' + a, av)
            elif not callable(v) and not isinstance(v, type):
                rec(k, v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        if event == 'line':
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
        snap(frame)
        return tracer
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    sys.settrace(tracer)
    try:
        res = eval(call, g)
    finally:
        sys.settrace(None)
    return res, hist, hits

def plain(code, call):
    g = {}; exec(compile(code, '<plain>', 'exec'), g); return eval(call, g)

def keyhist(h, key):
    out = []
    for d in h:
        if isinstance(d, dict) and key in d and (not out or out[-1] != d[key]):
            out.append(d[key])
    return out

def count_of(label, hits, hist=None):
    if label.startswith('iter@'):
        return len(hist.get(label[5:], []))
    return hits.get(int(label.split('@line')[1]), 0)

def check_claim(c, res, hist, hits):
    w, val = c['what'], literal(c['value'])
    if w == 'arith' or (w == 'comparison'):
        return eval(c['expr']) == val, f"eval({c['expr']})={eval(c['expr'])!r}"
    if w == 'count':
        n = count_of(c['variable'], hits, hist); return n == val, f"count={n}"
    if w == 'return':
        return res == val, f"returned {res!r}"
    if w == 'call':
        return True, "checked via answer"
    h = hist.get(c['variable'], [])
    if 'key' in c:
        h = keyhist(h, c['key'])
    if c.get('seq'):
        s = c.get('start', 0); got = h[s:s + len(val)]
        return got == val, f"history {h}"
    return val in h, f"history {h}"

def main():
    items = [json.loads(l) for l in open('narrations.jsonl')]
    progs = {json.loads(l)['id']: json.loads(l) for l in open('programs.jsonl')}
    out, bad = [], 0
    for it in items:
        probs = []
        res, hist, hits = run(it['code'], it['call'])
        if repr(res) != it['returned']: probs.append(f"returned {res!r} != {it['returned']}")
        pr = progs[it['program_id']]
        if pr['returned'] != it['returned']: probs.append("traced return mismatch")
        if pr['code'] != it['code'] or pr['call'] != it['call']: probs.append("code/call differs from programs.jsonl")
        if len(pr['events']) != it['trace_events']: probs.append("trace_events mismatch")
        if not it['rationale'].rstrip().endswith('Answer: ' + it['answer']): probs.append("Answer line mismatch")
        for c in it['claims']:
            if c['quote'] not in it['rationale']: probs.append(f"quote missing: {c['quote']}")
        if it['label'] == 'faithful':
            for c in it['claims']:
                ok, why = check_claim(c, res, hist, hits)
                if not ok: probs.append(f"claim false: {c['quote']!r} ({why})")
            if it['direction'] == 'forward':
                if literal(it['answer']) != res: probs.append("forward answer wrong")
            else:
                if plain(it['code'], it['answer']) != res: probs.append("backward answer does not reproduce output")
        else:
            e = it['error']; ck = e['check']; st = literal(e['stated']); t = ck['type']
            if e['quote'] not in it['rationale']: probs.append("error quote missing")
            if t == 'arith' or t == 'comparison':
                if eval(ck['expr']) == st: probs.append("error arith/comparison is actually true")
                if eval(ck['expr']) != literal(e['actual']): probs.append("actual wrong")
            elif t == 'count':
                n = count_of(ck['label'], hits, hist)
                if n == st or n != literal(e['actual']): probs.append(f"count error not false/actual wrong ({n})")
            elif t == 'history_index':
                h = hist[ck['variable']]; v = h[ck['index']]
                if v == st or v != literal(e['actual']): probs.append(f"history_index check failed {h}")
                if e['held_elsewhere'] and st not in h and not any(st in hist.get(v2, []) for v2 in ck.get('other_vars', [])):
                    probs.append("held_elsewhere but value never held")
            elif t == 'dictkey_index':
                h = keyhist(hist[ck['variable']], ck['key']); v = h[ck['index']]
                if v == st or v != literal(e['actual']): probs.append(f"dictkey_index check failed {h}")
                if e['held_elsewhere'] and not any(st in keyhist(hist[ck['variable']], k2) for k2 in ck.get('other_keys', [])) and st not in h:
                    probs.append("held_elsewhere but value never held")
            elif t == 'never':
                if st in hist.get(ck['variable'], []): probs.append("impossible_state value is held")
            elif t == 'final':
                h = hist[ck['variable']]
                if h[-1] == st or h[-1] != literal(e['actual']): probs.append("final check failed")
            elif t == 'answer':
                if it['direction'] == 'forward':
                    if literal(it['answer']) == res: probs.append("wrong_final_answer is right")
                else:
                    if plain(it['code'], it['answer']) == res: probs.append("backward wrong input reproduces output")
            else:
                probs.append("unknown check " + t)
            if e.get('held_elsewhere') and t in ('arith',):
                # value must occur for the named variable somewhere else in the run
                if e.get('variable') and st not in hist.get(e['variable'], []): probs.append("held_elsewhere value not held")
            if it['direction'] == 'forward' and e['kind'] != 'wrong_final_answer' and not e['carried']:
                if literal(it['answer']) != res: probs.append("non-carried error changed answer")
        bad += bool(probs)
        out.append(f"{'PASS' if not probs else 'FAIL'} {it['id']}" + ("" if not probs else ": " + "; ".join(probs)))
    out.append(f"\n{len(items)} items, {len(items) - bad} pass, {bad} fail")
    txt = "\n".join(out); print(txt)
    open('check_report.txt', 'w').write(txt + "\n")
    return 1 if bad else 0

if __name__ == '__main__':
    sys.exit(main())
