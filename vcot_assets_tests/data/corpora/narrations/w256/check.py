"""Standalone checker for w256 narrations: runs each program with sys.settrace,
records every variable's value history (locals and self.<attr>), and checks claims."""
import ast, copy, json, sys
from collections import defaultdict

def run(code, call):
    hist = defaultdict(list)          # name -> list of values, in order of change
    lines = defaultdict(int)          # line number -> executions (in program code)
    last = {}                         # (frame id, name) -> last seen repr

    def snap(frame):
        fid = id(frame)
        items = dict(frame.f_locals)
        s = items.get('self')
        if s is not None and hasattr(s, '__dict__'):
            for k, v in vars(s).items():
                items['self.' + k] = v
        for k, v in items.items():
            if k == 'self' or callable(v) and not isinstance(v, (list, dict)):
                continue
            try:
                r = repr(v)
            except Exception:
                continue
            if last.get(k) != r:
                last[k] = r
                hist[k].append(copy.deepcopy(v) if isinstance(v, (list, dict, set, tuple)) else v)

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return tracer
        snap(frame)
        if event == 'line':
            lines[frame.f_lineno] += 1
        return tracer

    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    sys.settrace(tracer)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, lines

def plain_eval(code, call):
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    return eval(call, g)

def claim_true(c, ret, hist, lines):
    what = c['what']
    val = ast.literal_eval(c['value'])
    if what == 'value' and c.get('seq'):
        # a summarised sequence: the stated values (consecutive repeats merged) must be a
        # contiguous stretch of the variable's history
        h = hist.get(c['variable'], [])
        st = [x for i, x in enumerate(val) if i == 0 or val[i - 1] != x]
        return any(h[i:i + len(st)] == st for i in range(len(h)))
    if what == 'value':
        h = hist.get(c['variable'], [])
        if 'index' in c:
            return c['index'] < len(h) and h[c['index']] == val
        return val in h
    if what == 'count':
        v = c['variable']
        assert v.startswith('loop@line '), v
        return lines[int(v.split()[-1])] == val
    if what in ('comparison', 'arith'):
        expr = c.get('check')
        if expr is None:
            expr = c['quote'].rsplit('=', 1)[0]
        return eval(expr, {}) == val
    if what in ('return', 'call'):
        if 'check' in c:
            return eval(c['check'], {}) == val
        return val == ret
    raise ValueError(what)

def main():
    items = [json.loads(l) for l in open('narrations.jsonl') if l.strip()]
    progs = {json.loads(l)['id']: json.loads(l) for l in open('programs.jsonl') if l.strip()}
    fails, out = 0, []
    for it in items:
        probs = []
        code, call = it['code'], it['call']
        ret, hist, lines = run(code, call)
        if repr(ret) != it['returned']:
            probs.append('returned mismatch %r' % (ret,))
        p = progs.get(it['program_id'])
        if p is None or p['code'] != code or p['returned'] != it['returned'] or len(p['events']) != it['trace_events']:
            probs.append('program record mismatch')
        text = it['rationale']
        last = text.strip().splitlines()[-1]
        if not last.startswith('Answer:') or last[len('Answer:'):].strip() != it['answer']:
            probs.append('answer line mismatch')
        for c in it['claims']:
            if c['quote'] not in text:
                probs.append('quote missing: ' + c['quote'])
        err = it['error']
        if it['label'] == 'faithful':
            for c in it['claims']:
                if not claim_true(c, ret, hist, lines):
                    probs.append('false claim: %s' % json.dumps(c))
            if it['direction'] == 'forward':
                if ast.literal_eval(it['answer']) != ret:
                    probs.append('forward answer wrong')
            else:
                if plain_eval(code, it['answer']) != ret:
                    probs.append('backward answer does not reproduce output')
        else:
            if err['quote'] not in text:
                probs.append('error quote missing')
            k = err['kind']
            if k == 'wrong_final_answer':
                if ast.literal_eval(it['answer']) == ret:
                    probs.append('wrong_final_answer is actually right')
            elif k == 'backward_wrong_input':
                try:
                    r2 = plain_eval(code, it['answer'])
                except Exception as e:
                    r2 = e
                if r2 == ret:
                    probs.append('backward_wrong_input actually reproduces output')
            else:
                ec = [c for c in it['claims'] if c.get('is_error')]
                if len(ec) != 1:
                    probs.append('need exactly one error claim')
                else:
                    c = ec[0]
                    if claim_true(c, ret, hist, lines):
                        probs.append('error claim is true: %s' % json.dumps(c))
                    if err.get('held_elsewhere'):
                        h = hist.get(c['variable'], [])
                        if ast.literal_eval(c['value']) not in h:
                            probs.append('held_elsewhere but value never held')
                        if 'index' not in c and c['what'] == 'value':
                            probs.append('held_elsewhere value claim needs index')
                    if 'actual' in c and c['what'] == 'value' and 'index' in c:
                        if hist[c['variable']][c['index']] != ast.literal_eval(c['actual']):
                            probs.append('actual mismatch')
            # all other claims of the copy must hold (except carried ones)
            for c in it['claims']:
                if c.get('is_error') or c.get('carried'):
                    continue
                if not claim_true(c, ret, hist, lines):
                    probs.append('false non-error claim: %s' % json.dumps(c))
        status = 'PASS' if not probs else 'FAIL'
        fails += bool(probs)
        out.append('%s %s %s' % (status, it['id'], '; '.join(probs)))
    out.append('items=%d failures=%d' % (len(items), fails))
    rep = '\n'.join(out) + '\n'
    open('check_report.txt', 'w').write(rep)
    print(rep)
    return 1 if fails else 0

if __name__ == '__main__':
    sys.exit(main())
