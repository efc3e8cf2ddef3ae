"""Standalone checker for w404 narrations: re-executes each program with sys.settrace,
records per-variable value histories (locals and self.<attr>), line hit counts, and checks
every claim of faithful items is true and that the error of each error copy is false."""
import ast, copy, json, sys
from collections import defaultdict

def run_traced(code, call):
    hist = defaultdict(list)   # name -> list of successive values (changes only)
    lines = defaultdict(int)   # lineno -> hits
    last = {}
    def snap(frame):
        loc = dict(frame.f_locals)
        s = loc.get('self')
        if s is not None and hasattr(s, '__dict__'):
            for k, v in vars(s).items():
                loc['self.' + k] = v
        key = id(frame)
        prev = last.setdefault(key, {})
        for k, v in loc.items():
            if k == 'self':
                continue
            try:
                vv = copy.deepcopy(v)
            except Exception:
                vv = v
            if k not in prev or prev[k] != vv:
                prev[k] = vv
                # a new frame re-seeing the same value is not a new assignment
                if not hist[k] or hist[k][-1] != vv:
                    hist[k].append(vv)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        def local(frame, event, arg):
            snap(frame)
            if event == 'line':
                lines[frame.f_lineno] += 1
            return local
        snap(frame)
        return local
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    sys.settrace(tracer)
    try:
        ret = eval(compile(call, '<prog>call', 'eval'), ns)
    finally:
        sys.settrace(None)
    return ret, hist, lines

def plain(code, call):
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    return eval(call, ns)

def lit(s):
    return ast.literal_eval(s)

def claim_true(c, ret, hist, lines, ns):
    """Return True if the claim holds in the real execution."""
    w = c['what']
    val = lit(c['value'])
    if w == 'value':
        h = hist.get(c['variable'], [])
        if 'at' in c:
            at = c['at']
            if isinstance(at, list):
                return all(a < len(h) for a in at) and [h[a] for a in at] == val
            return at < len(h) and h[at] == val
        if c.get('seq'):
            n = len(val)
            return any(h[i:i + n] == val for i in range(len(h) - n + 1))
        return val in h
    if w == 'count':
        return lines[c['line']] == val
    if w in ('arith', 'comparison'):
        return eval(c['expr'], dict(ns)) == val
    if w == 'return':
        return ret == val
    if w == 'call':
        return True
    raise ValueError(w)

def main():
    items = [json.loads(l) for l in open('narrations.jsonl') if l.strip()]
    fails = []
    out = []
    byid = {it['id']: it for it in items}
    for it in items:
        errs = []
        ret, hist, lines = run_traced(it['code'], it['call'])
        ns = {}
        exec(compile(it['code'], '<prog-ns>', 'exec'), ns)
        if repr(ret) != it['returned']:
            errs.append('returned mismatch %r vs %s' % (ret, it['returned']))
        for q in [it['error']['quote']] if it['error'] else []:
            if q not in it['rationale']:
                errs.append('error quote not in rationale: ' + q)
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                errs.append('claim quote missing: ' + c['quote'])
        last_line = it['rationale'].strip().splitlines()[-1]
        if not last_line.startswith('Answer:') or last_line[len('Answer:'):].strip() != it['answer']:
            errs.append('answer line mismatch: ' + last_line)
        if it['direction'] == 'forward':
            ans_ok = repr(lit(it['answer'])) == repr(ret) or lit(it['answer']) == ret
        else:
            try:
                ans_ok = plain(it['code'], it['answer']) == ret
            except Exception as e:
                ans_ok = False
        err = it['error']
        if it['label'] == 'faithful':
            if not ans_ok:
                errs.append('faithful answer wrong')
            for c in it['claims']:
                if not claim_true(c, ret, hist, lines, ns):
                    errs.append('false claim: %s' % c)
        else:
            k = err['kind']
            if k in ('wrong_final_answer', 'backward_wrong_input'):
                if ans_ok:
                    errs.append('error answer is actually right')
            else:
                if not ans_ok:
                    errs.append('non-answer error but answer wrong')
                bad = [c for c in it['claims'] if c['quote'] == err['quote']]
                if not bad:
                    errs.append('no claim for error quote')
                for c in bad:
                    if claim_true(c, ret, hist, lines, ns):
                        errs.append('error claim is actually true: %s' % c)
                    if err.get('held_elsewhere'):
                        hv = hist.get(c['variable'], [])
                        sv = lit(c['value'])
                        if c['what'] == 'value' and isinstance(c.get('at'), list):
                            held = all(x in hv for x in sv)
                        else:
                            held = sv in hv
                        if c['what'] == 'value' and not c.get('seq') and not held:
                            errs.append('held_elsewhere but value never held')
                    if k == 'impossible_state' and c['what'] == 'value' and lit(c['value']) in hist.get(c['variable'], []):
                        errs.append('impossible_state value is held somewhere')
                others = [c for c in it['claims'] if c['quote'] != err['quote']]
                for c in others:
                    if not claim_true(c, ret, hist, lines, ns) and not c.get('carried'):
                        errs.append('other false claim: %s' % c)
            fid = it['faithful_id']
            if fid not in byid:
                errs.append('faithful_id missing')
        status = 'PASS' if not errs else 'FAIL'
        out.append('%s %s %s' % (status, it['id'], '; '.join(errs)))
        if errs:
            fails.append(it['id'])
    from collections import Counter
    out.append('')
    out.append('items: %d, failures: %d' % (len(items), len(fails)))
    fa = [i for i in items if i['label'] == 'faithful']
    out.append('programs: %d' % len(fa))
    out.append('styles (faithful): %s' % dict(Counter(i['style'] for i in fa)))
    out.append('families (faithful): %s' % dict(Counter(i['family'] for i in fa)))
    out.append('directions (faithful): %s' % dict(Counter(i['direction'] for i in fa)))
    out.append('error kinds: %s' % dict(Counter(i['error']['kind'] for i in items if i['error'])))
    out.append('held_elsewhere: %d' % sum(1 for i in items if i['error'] and i['error'].get('held_elsewhere')))
    text = '\n'.join(out)
    open('check_report.txt', 'w').write(text + '\n')
    print(text)
    return 1 if fails else 0

if __name__ == '__main__':
    sys.exit(main())
