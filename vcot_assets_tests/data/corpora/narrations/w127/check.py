"""Standalone checker for w127 narrations: re-executes each program under sys.settrace,
records per-variable value histories and line hit counts, and checks claims / errors."""
import ast, copy, json, re, sys
from collections import defaultdict

def run_traced(code, call):
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    hist = defaultdict(list)
    lines = defaultdict(int)

    def snap(frame):
        items = dict(frame.f_locals)
        s = items.get('self')
        if s is not None and hasattr(s, '__dict__'):
            for k, v in vars(s).items():
                items['self.' + k] = v
        for k, v in items.items():
            if k == 'self' or k.startswith('.'):
                continue
            try:
                v = copy.deepcopy(v)
            except Exception:
                pass
            h = hist[k]
            if not h or h[-1] != v or type(h[-1]) != type(v):
                h.append(v)

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        if event == 'line':
            lines[frame.f_lineno] += 1
            snap(frame)
        elif event == 'return':
            snap(frame)
        return tracer

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

def _same(a, b):
    return type(a) == type(b) and a == b or (isinstance(a, int) and isinstance(b, int) and not isinstance(a, bool) and not isinstance(b, bool) and a == b)

def all_values(hist):
    """Every value the run held: each variable's values and the items inside container values."""
    for hh in hist.values():
        for v in hh:
            yield v
            if isinstance(v, (list, tuple, set)):
                yield from v
            elif isinstance(v, dict):
                yield from v.values()

def clean(q):
    return q.replace('`', '').strip()

def arith_lhs(q):
    q = clean(q)
    m = re.match(r'^(.*?)\s*(?:=|is|gives)\s*([^=]+)$', q)
    return m.group(1) if m else q

def count_of(label, lines):
    m = re.search(r'line\s*(\d+)', label or '')
    if not m:
        return None
    n = lines[int(m.group(1))]
    return n - 1 if label.startswith('header') else n

def main():
    items = [json.loads(l) for l in open('narrations.jsonl')]
    out, bad = [], 0
    cache = {}
    for it in items:
        probs = []
        key = (it['code'], it['call'])
        if key not in cache:
            cache[key] = run_traced(*key)
        ret, hist, lines = cache[key]
        if repr(ret) != it['returned']:
            probs.append('returned mismatch %r' % (ret,))
        err = it.get('error')
        errq = err['quote'] if err else None
        for c in it['claims']:
            if err and c['quote'] == errq:
                continue  # the planted error is checked below
            if c['quote'] not in it['rationale']:
                probs.append('claim quote not in text: %r' % c['quote']); continue
            val = ast.literal_eval(c['value'])
            w = c['what']
            if w == 'value' and c.get('seq'):
                h = hist.get(c['variable'], [])
                val = [x for k, x in enumerate(val) if k == 0 or val[k - 1] != x]
                if not any(h[k:k + len(val)] == val for k in range(len(h))):
                    probs.append('sequence not in history: %s=%r' % (c['variable'], val))
            elif w == 'value':
                if val not in hist.get(c['variable'], []):
                    probs.append('value never held: %s=%r' % (c['variable'], val))
            elif w == 'count':
                if count_of(c['variable'], lines) != val:
                    probs.append('count wrong: %s=%r (real %r)' % (c['variable'], val, count_of(c['variable'], lines)))
            elif w == 'comparison':
                if bool(eval(c.get('expr') or clean(c['quote']))) != val:
                    probs.append('comparison wrong: %r' % c['quote'])
            elif w == 'arith':
                if eval(c.get('expr') or arith_lhs(c['quote'])) != val:
                    probs.append('arith wrong: %r' % c['quote'])
            elif w == 'return':
                if val != ret:
                    probs.append('return wrong: %r' % c['quote'])
            elif w == 'call':
                if plain_eval(it['code'], clean(c['quote']).split('Answer:')[-1].strip()) != ret:
                    probs.append('call does not give output: %r' % c['quote'])
        # answer line
        last = it['rationale'].rstrip().splitlines()[-1]
        if it['answer'] not in last:
            probs.append('answer not in last line')
        if it['direction'] == 'forward':
            ok = ast.literal_eval(it['answer']) == ret
        else:
            ok = plain_eval(it['code'], it['answer']) == ret
        if it['label'] == 'faithful':
            if not ok:
                probs.append('faithful answer wrong')
            if err is not None:
                probs.append('faithful has error')
        else:
            k = err['kind']
            if errq not in it['rationale']:
                probs.append('error quote missing')
            if not any(c['quote'] == errq for c in it['claims']):
                probs.append('error quote not among claims')
            stated = err['stated']; actual = err['actual']
            if k == 'wrong_final_answer':
                if ok: probs.append('final answer not wrong')
            elif k == 'backward_wrong_input':
                if ok: probs.append('backward input still gives output')
            else:
                if not ok: probs.append('answer should stay right')
                if k == 'wrong_arithmetic':
                    r = eval(err.get('expr') or arith_lhs(errq))
                    if not (r == ast.literal_eval(actual) and r != ast.literal_eval(stated)):
                        probs.append('arith error not confirmed')
                elif k == 'off_by_one_loop_count':
                    n = count_of(err['var'], lines)
                    if not (n == ast.literal_eval(actual) and abs(n - ast.literal_eval(stated)) == 1):
                        probs.append('loop count error not confirmed (real %r)' % n)
                elif k == 'branch_not_taken':
                    r = bool(eval(err['expr']))
                    if not (r == ast.literal_eval(actual) and r != ast.literal_eval(stated)):
                        probs.append('branch error not confirmed')
                else:
                    h = hist.get(err['var'], [])
                    sv, av = ast.literal_eval(stated), ast.literal_eval(actual)
                    i = err.get('index')
                    if err.get('expr'):
                        r = eval(err['expr'])
                        if not (r == av and r != sv):
                            probs.append('expr check failed')
                    elif i is not None:
                        if not (i < len(h) and h[i] == av and h[i] != sv):
                            probs.append('positional check failed: hist=%r' % h)
                    elif av not in h or sv == av:
                        probs.append('value check failed')
                    if k == 'impossible_state' and sv in h:
                        probs.append('impossible state is actually held')
            if k in ('wrong_intermediate_right_answer', 'wrong_loop_summary_value', 'wrong_arithmetic'):
                sv = ast.literal_eval(stated)
                held = any(_same(sv, v) for v in all_values(hist))
                if bool(err.get('held_elsewhere')) != held:
                    probs.append('held_elsewhere flag %r but value %s' % (err.get('held_elsewhere'), 'held' if held else 'not held'))
            elif err.get('held_elsewhere'):
                probs.append('held_elsewhere set on a kind that does not use it')
        if probs: bad += 1
        out.append('%s %s %s' % (it['id'], 'OK' if not probs else 'FAIL', '; '.join(probs)))
    out.append('items=%d failed=%d' % (len(items), bad))
    open('check_report.txt', 'w').write('\n'.join(out) + '\n')
    print('\n'.join(out[-40:]) if bad else out[-1])

if __name__ == '__main__':
    if len(sys.argv) > 1 and sys.argv[1] == '--hist':
        for l in open(sys.argv[2]):
            d = json.loads(l)
            r, h, ln = run_traced(d['code'], d['call'])
            print(d['id'], repr(r)); [print('  ', k, v) for k, v in h.items()]; print('   lines', dict(ln))
    else:
        main()
