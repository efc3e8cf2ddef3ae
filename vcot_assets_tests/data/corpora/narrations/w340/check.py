"""Standalone checker for w340 narrations: re-runs each call under sys.settrace and checks
returned/answer/claims of faithful items and that the single error of each error copy is false.
Conventions: value claims may carry "k" (index into the variable's change history, consecutive
duplicates merged, all frames of the program merged by name; self attributes recorded as self.x);
count claims use variable "loop@line N" = number of times the first body line (N+1) runs;
comparison/arith claims carry "expr" (a Python expression over literal values)."""
import ast, json, sys
from collections import defaultdict

def run(code, call):
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    hist = defaultdict(list)
    hits = defaultdict(int)
    def rec(name, val):
        try:
            r = repr(val)
        except Exception:
            return
        h = hist[name]
        if not h or h[-1] != r:
            h.append(r)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return tr
        if event == 'line':
            hits[frame.f_lineno] += 1
        for n, v in list(frame.f_locals.items()):
            if n == 'self':
                for a, av in list(getattr(v, '__dict__', {}).items()):
                    rec('self.' + a, av)
            else:
                rec(n, v)
        return tr
    sys.settrace(tr)
    try:
        out = eval(call, g)
    finally:
        sys.settrace(None)
    return out, hist, hits

def plain_eval(code, call):
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    return eval(call, g)

def norm(lit):
    try:
        return repr(ast.literal_eval(lit))
    except Exception:
        return lit

def check_claim(c, out, hist, hits, returned):
    """returns (ok, actual) for one claim"""
    w = c['what']
    if w == 'value':
        h = hist.get(c['variable'], [])
        v = norm(c['value'])
        if c.get('seq'):
            want = [repr(x) for x in ast.literal_eval(c['value'])]
            ok = any(h[i:i + len(want)] == want for i in range(len(h)))
            return ok, h
        if 'k' in c:
            act = h[c['k']] if c['k'] < len(h) else None
            return act == v, act
        return v in h, h
    if w == 'count':
        var = c['variable']
        n = c.get('body_line') or int(var.split('@line')[1]) + 1
        act = hits.get(n, 0)
        return act == int(c['value']), act
    if w in ('comparison', 'arith'):
        act = eval(c['expr'])
        return repr(act) == norm(c['value']), repr(act)
    if w == 'return':
        return norm(c['value']) == repr(out), repr(out)
    if w == 'call':
        return True, None
    return False, 'unknown what'

def main():
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl')]
    byid = {it['id']: it for it in items}
    fails = 0
    lines = []
    for it in items:
        errs = []
        out, hist, hits = run(it['code'], it['call'])
        if repr(out) != it['returned']:
            errs.append(f"returned {it['returned']} != real {out!r}")
        rat = it['rationale']
        last = rat.rstrip().splitlines()[-1]
        if not last.startswith('Answer:') or last[len('Answer:'):].strip() != it['answer']:
            errs.append('answer field does not match last Answer line')
        for c in it['claims']:
            if c['quote'] not in rat:
                errs.append(f"quote not in rationale: {c['quote']!r}")
        err = it['error']
        bad_quote = err['quote'] if err else None
        for c in it['claims']:
            ok, act = check_claim(c, out, hist, hits, it['returned'])
            if err and c.get('err') and not c.get('main'):
                # secondary value of the same error (e.g. the other half of a swap): must also be false
                ok2, _ = check_claim(c, out, hist, hits, it['returned'])
                if ok2:
                    errs.append(f"secondary error claim is true: {c['quote']!r}")
                continue
            if err and c.get('main'):
                if c['quote'] != bad_quote or c.get('value') != err['stated']:
                    errs.append('main error claim does not match error record')
                if err['kind'] in ('wrong_final_answer', 'backward_wrong_input'):
                    continue
                if ok:
                    errs.append(f"error claim is actually TRUE: {c['quote']!r}")
                if err.get('held_elsewhere'):
                    if c['what'] == 'value' and c.get('seq'):
                        if not all(repr(x) in hist.get(c['variable'], []) for x in ast.literal_eval(c['value'])):
                            errs.append('held_elsewhere seq has a value never held')
                    elif c['what'] == 'value' and norm(c['value']) not in hist.get(c['variable'], []):
                        errs.append(f"held_elsewhere but value never held: {c}")
                    if c['what'] == 'count':
                        pass
                if err['kind'] == 'impossible_state' and c['what'] == 'value':
                    if norm(c['value']) in hist.get(c['variable'], []):
                        errs.append('impossible_state value occurs in run')
                if norm(err['actual']) != (act if isinstance(act, str) else repr(act)) and c['what'] != 'value':
                    errs.append(f"error actual {err['actual']} != {act}")
                if c['what'] == 'value' and not c.get('seq') and 'k' not in c and norm(err['actual']) not in act:
                    errs.append(f"error actual {err['actual']} never held")
                elif c['what'] == 'value' and not c.get('seq') and 'k' in c and norm(err['actual']) != act:
                    errs.append(f"error actual {err['actual']} != {act}")
            elif not ok:
                errs.append(f"claim false: {c} (actual {act})")
        if it['direction'] == 'forward':
            ans_ok = norm(it['answer']) == repr(out)
        else:
            try:
                ans_ok = repr(plain_eval(it['code'], it['answer'])) == repr(out)
            except Exception as e:
                ans_ok = False
        if it['label'] == 'faithful':
            if not ans_ok:
                errs.append('answer wrong in faithful item')
            if err is not None:
                errs.append('faithful item has error')
        else:
            k = err['kind']
            if err['quote'] not in rat:
                errs.append('error quote not in rationale')
            if k in ('wrong_final_answer', 'backward_wrong_input'):
                if ans_ok:
                    errs.append('wrong answer kind but answer is right')
            else:
                if not ans_ok:
                    errs.append('non-answer error but answer wrong')
                if not any(c.get('main') and c['quote'] == err['quote'] and c.get('value') == err['stated'] for c in it['claims']):
                    errs.append('no claim holds the error')
            f = byid.get(it['faithful_id'])
            if f is None:
                errs.append('faithful_id missing')
        status = 'PASS' if not errs else 'FAIL'
        if errs:
            fails += 1
        lines.append(f"{status} {it['id']} ({it['label']}, {it['direction']}, {len(it['claims'])} claims)" + ''.join('\n    ' + e for e in errs))
    lines.append(f"\n{len(items)} items, {len(items) - fails} pass, {fails} fail")
    print('\n'.join(lines))
    return 1 if fails else 0

if __name__ == '__main__':
    sys.exit(main())
