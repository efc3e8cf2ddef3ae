"""Standalone checker for w393 narrations: runs each program under sys.settrace,
records per-variable value histories (locals and self.<attr>) and line hit counts,
then checks every claim / answer / error against the real execution."""
import json, sys, copy, ast

def run_traced(code, call):
    hist = {}          # name -> list of successive values (changes only, per frame merged in time order)
    last = {}          # (frame id, name) -> last value
    hits = {}
    at = {}        # (line, k-th hit) -> snapshot of that frame's variables when the line is reached
    alive = []         # keep frames referenced so id(frame) is never reused within one run
    def snap(frame):
        if not alive or alive[-1] is not frame:
            if all(f is not frame for f in alive):
                alive.append(frame)
        items = dict(frame.f_locals)
        s = items.get('self')
        if s is not None and hasattr(s, '__dict__'):
            for k, v in vars(s).items():
                items['self.' + k] = v
        for k, v in items.items():
            if k == 'self' or callable(v) or hasattr(v, '__dict__'):
                continue
            try:
                v = copy.deepcopy(v)
            except Exception:
                continue
            key = (id(frame), k)
            if key not in last or last[key] != v:
                last[key] = v
                hist.setdefault(k, []).append(v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return tracer
        if event == 'line':
            snap(frame)
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
            at[(frame.f_lineno, hits[frame.f_lineno])] = {k: last[(id(frame), k)] for (fid, k) in list(last) if fid == id(frame)}
        elif event == 'return':
            snap(frame)
        return tracer
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    sys.settrace(tracer)
    try:
        ret = eval(compile(call, '<call>', 'eval'), ns)
    finally:
        sys.settrace(None)
    return ret, hist, hits, at

def plain_call(code, call):
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    return eval(call, ns)

def dedupe(h):
    return [x for i, x in enumerate(h) if i == 0 or h[i-1] != x]

def lit(s):
    if not isinstance(s, str):
        return s
    try:
        return ast.literal_eval(s)
    except Exception:
        return s

def loop_hits(var, hits):
    # "loop@line N": number of times body line N executed
    n = int(var.split('line')[-1])
    return hits.get(n, 0)

def check_claim(c, ret, hist, hits, at):
    w = c['what']; v = lit(c['value'])
    if w == 'value':
        h = hist.get(c['variable'], [])
        if 'at' in c:
            line, k = c['at']
            return at.get((line, k), {}).get(c['variable'], object()) == v
        if c.get('sequence'):
            seq = [x for i, x in enumerate(v) if i == 0 or v[i-1] != x]
            hd = [x for i, x in enumerate(h) if i == 0 or h[i-1] != x]
            return any(hd[i:i+len(seq)] == seq for i in range(len(hd)))
        if 'index' in c:   # k-th value the variable takes (consecutive repeats merged)
            hd = dedupe(h)
            return c['index'] < len(hd) and hd[c['index']] == v
        return v in h
    if w == 'count':
        return loop_hits(c['variable'], hits) == v
    if w in ('comparison', 'arith'):
        return eval(c['expr']) == v
    if w == 'return':
        return v == ret
    if w == 'call':
        return True  # checked via answer
    raise ValueError(w)

def in_any(v, hist):
    return any(v in h for h in hist.values())

def main():
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl')]
    fails = 0; lines = []
    for it in items:
        probs = []
        ret, hist, hits, at = run_traced(it['code'], it['call'])
        if repr(ret) != it['returned']:
            probs.append('returned mismatch %r' % (ret,))
        if not it['rationale'].rstrip().endswith(it['answer']) or 'Answer:' not in it['rationale'].splitlines()[-1]:
            probs.append('answer not on last Answer line')
        err = it['error']
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                probs.append('quote missing: ' + c['quote'])
            is_err = err is not None and c['quote'] == err['quote']
            if is_err or c.get('carried'):
                continue
            if not check_claim(c, ret, hist, hits, at):
                probs.append('claim false: %s' % c['quote'])
        # answer
        if it['direction'] == 'forward':
            ok = lit(it['answer']) == ret
        else:
            try:
                ok = plain_call(it['code'], it['answer']) == ret
            except Exception:
                ok = False
        want_ok = not (err and (err['kind'] in ('wrong_final_answer', 'backward_wrong_input') or err.get('answer_changed')))
        if ok != want_ok:
            probs.append('answer check %s, expected %s' % (ok, want_ok))
        if err:
            if err['quote'] not in it['rationale']:
                probs.append('error quote missing')
            ck = err.get('check', {})
            t = ck.get('type'); st = lit(err['stated']); ac = lit(err['actual'])
            if st == ac:
                probs.append('stated == actual')
            if t == 'value':
                h = dedupe(hist.get(ck['variable'], []))
                if not (ck['index'] < len(h) and h[ck['index']] == ac and h[ck['index']] != st):
                    probs.append('value error not confirmed (hist %r)' % (h,))
            elif t in ('arith', 'comparison'):
                if eval(ck['expr']) != ac or eval(ck['expr']) == st:
                    probs.append('arith/comparison error not confirmed')
            elif t == 'count':
                if loop_hits(ck['variable'], hits) != ac:
                    probs.append('count error not confirmed (%d)' % loop_hits(ck['variable'], hits))
            elif t == 'at':
                line, k = ck['at']
                got = at.get((line, k), {}).get(ck['variable'], object())
                if got != ac or got == st:
                    probs.append('at-point error not confirmed (%r)' % (got,))
            elif t == 'never':
                h = hist.get(ck['variable'], [])
                if st in h:
                    probs.append('impossible state actually occurs')
            elif t == 'answer':
                pass  # covered by answer check above
            else:
                probs.append('no error check type')
            if err.get('held_elsewhere'):
                if not in_any(st, hist) and st != ret:
                    probs.append('held_elsewhere but value never held')
        status = 'PASS' if not probs else 'FAIL'
        if probs: fails += 1
        lines.append('%s %s %s' % (status, it['id'], '; '.join(probs)))
    lines.append('items: %d, failures: %d' % (len(items), fails))
    print('\n'.join(lines))
    return fails

if __name__ == '__main__':
    sys.exit(1 if main() else 0)
