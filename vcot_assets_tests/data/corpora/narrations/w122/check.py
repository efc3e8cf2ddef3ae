"""Standalone checker for w122 narrations: runs each program under sys.settrace,
records per-function variable histories (incl. self.attr) and line hit counts,
then checks every claim / answer / error annotation."""
import ast, copy, json, sys
from collections import defaultdict

def run_traced(code, call):
    hist = defaultdict(list)      # (func, var) -> list of repr values (on change)
    lines = defaultdict(int)      # (func, lineno) -> hits
    def snap(frame):
        fn = frame.f_code.co_name
        for k, v in frame.f_locals.items():
            items = [(k, v)]
            if k == 'self' and hasattr(v, '__dict__'):
                items += [('self.' + a, b) for a, b in vars(v).items()]
            for name, val in items:
                if hasattr(val, '__dict__') and not isinstance(val, type):
                    continue
                r = repr(val)
                h = hist[(fn, name)]
                if not h or h[-1] != r:
                    h.append(r)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return tracer
        snap(frame)
        if event == 'line':
            lines[(frame.f_code.co_name, frame.f_lineno)] += 1
        return tracer
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, lines

def plain_eval(code, call):
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    return eval(call, ns)

def lit(s):
    return ast.literal_eval(s)

def H(hist, var):
    if ':' in var:
        fn, v = var.split(':', 1)
        return hist.get((fn, v), [])
    out = []
    for (fn, v), h in hist.items():
        if v == var:
            out += h
    return out

def count_of(lines, spec, hist=None):
    fn, ln = spec.split(':')
    if ln.startswith('var='):   # iterations = number of values the loop variable took
        return len(HIST[(fn, ln[4:])])
    return lines.get((fn, int(ln)), 0)

def check_claim(c, hist, lines, ret):
    w = c['what']
    if w == 'value':
        h = H(hist, c['variable'])
        if c.get('seq'):
            seq = [repr(x) for x in lit(c['value'])]
            return any(h[i:i + len(seq)] == seq for i in range(len(h)))
        return repr(lit(c['value'])) in h
    if w == 'count':
        return count_of(lines, c['line']) == lit(c['value'])
    if w in ('comparison', 'arith'):
        return eval(c.get('expr', c['quote'])) == lit(c['value'])
    if w == 'return':
        return lit(c['value']) == ret
    if w == 'call':
        return True
    return False

def check_error(it, hist, lines, ret, code):
    e = it['error']; k = e['kind']; chk = e.get('check', {}); t = chk.get('type')
    if k == 'wrong_final_answer':
        return lit(it['answer']) != ret
    if k == 'backward_wrong_input':
        try:
            return plain_eval(code, it['answer']) != ret
        except Exception:
            return True
    stated = e['stated']
    ok_answer = True
    if it['direction'] == 'forward':
        ok_answer = lit(it['answer']) == ret
    else:
        ok_answer = plain_eval(code, it['answer']) == ret
    if k == 'wrong_intermediate_right_answer' and not ok_answer:
        return False
    if t == 'hist_index':
        h = H(hist, chk['var']); sv = repr(lit(stated))
        res = h[chk['index']] != sv
        if e.get('held_elsewhere'):
            res = res and sv in h
        return res
    if t == 'absent':
        return repr(lit(stated)) not in H(hist, chk['var'])
    if t == 'count':
        actual = count_of(lines, chk['line'])
        res = actual != lit(stated)
        return res and (abs(actual - lit(stated)) == 1 if k == 'off_by_one_loop_count' else True)
    if t == 'expr':
        return eval(chk['expr']) != lit(stated)
    if t == 'seq':
        h = H(hist, chk['var']); seq = [repr(x) for x in lit(stated)]
        s = chk['start']
        res = h[s:s + len(seq)] != seq
        if e.get('held_elsewhere'):
            wrong = [x for i, x in enumerate(seq) if i + s >= len(h) or h[s + i] != x]
            res = res and all(x in h for x in wrong)
        return res
    return False

def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    report = []; bad = 0
    for it in items:
        probs = []
        ret, hist, lines = run_traced(it['code'], it['call'])
        global HIST; HIST = hist
        if repr(ret) != it['returned']:
            probs.append('returned mismatch %r' % (ret,))
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                probs.append('quote missing: ' + c['quote'])
        last = it['rationale'].rstrip().splitlines()[-1]
        if it['answer'] not in last:
            probs.append('answer not in last line')
        if it['label'] == 'faithful':
            for c in it['claims']:
                try:
                    if not check_claim(c, hist, lines, ret):
                        probs.append('claim false: %s' % c['quote'])
                except Exception as ex:
                    probs.append('claim err %s: %s' % (c['quote'], ex))
            if it['direction'] == 'forward':
                if lit(it['answer']) != ret: probs.append('answer wrong')
            else:
                if plain_eval(it['code'], it['answer']) != ret: probs.append('bwd answer wrong')
        else:
            e = it['error']
            if e['quote'] not in it['rationale']:
                probs.append('error quote missing')
            if not check_error(it, hist, lines, ret, it['code']):
                probs.append('error not confirmed false')
            # the other claims (not the error) must still hold unless carried
            for c in it['claims']:
                if c.get('is_error') or c.get('carried'):
                    continue
                try:
                    if not check_claim(c, hist, lines, ret):
                        probs.append('non-error claim false: %s' % c['quote'])
                except Exception as ex:
                    probs.append('claim err %s: %s' % (c['quote'], ex))
        status = 'PASS' if not probs else 'FAIL'
        if probs: bad += 1
        report.append('%s %s %s' % (status, it['id'], '; '.join(probs)))
    report.append('TOTAL %d items, %d failing' % (len(items), bad))
    return report, bad

if __name__ == '__main__':
    rep, bad = main(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl')
    print('\n'.join(rep))
    sys.exit(1 if bad else 0)
