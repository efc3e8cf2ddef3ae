"""Standalone checker for w446 narrations: re-executes each call under sys.settrace."""
import json, sys, copy, ast

def snap_locals(frame):
    d = {}
    for k, v in frame.f_locals.items():
        if k == 'self':
            for a, av in getattr(v, '__dict__', {}).items():
                d['self.' + a] = av
        elif not callable(v) and not k.startswith('__'):
            d[k] = v
    try:
        return copy.deepcopy(d)
    except Exception:
        return dict(d)

def run(code, call):
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    snaps = []  # (func, line, event, locals)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        def local(frame, event, arg):
            if event in ('line', 'return'):
                snaps.append((frame.f_code.co_name, frame.f_lineno, event, snap_locals(frame)))
            return local
        snaps.append((frame.f_code.co_name, frame.f_lineno, 'call', snap_locals(frame)))
        return local
    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    # return-event snapshots show final state; histories = change lists per variable name
    hist = {}
    last = {}
    for fn, ln, ev, loc in snaps:
        for k, v in loc.items():
            key = k
            if key not in last or last[key] != v:
                hist.setdefault(key, []).append(v)
                last[key] = v
    return ret, snaps, hist

def plain_eval(code, call):
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    return eval(call, ns)

def lit(s):
    return ast.literal_eval(s)

def check_claim(c, ret, snaps, hist):
    w = c['what']
    if w == 'arith' or w == 'comparison':
        return eval(c['expr'] if 'expr' in c else c['quote'].strip('`')) == lit(c['value'])
    if w == 'return':
        return ret == lit(c['value'])
    if w == 'count':
        line = int(c['variable'].split('line')[1])
        n = sum(1 for s in snaps if s[2] == 'line' and s[1] == line) + c.get('adjust', 0)
        return n == lit(c['value'])
    if w == 'value':
        if 'seq_line' in c:
            seq = [s[3].get(c['variable']) for s in snaps if s[2] == 'line' and s[1] == c['seq_line']]
            return seq[c.get('seq_skip', 0):] == lit(c['value'])
        if 'histslice' in c:
            a, b = c['histslice']
            return hist.get(c['variable'], [])[a:b] == lit(c['value'])
        if c.get('histseq'):
            return hist.get(c['variable']) == lit(c['value'])
        if ',' in c['variable']:
            names = c['variable'].split(',')
            want = tuple(lit(c['value']))
            return any(tuple(s[3].get(n, object()) for n in names) == want for s in snaps)
        return lit(c['value']) in hist.get(c['variable'], [])
    return False

def check_error(item, ret, snaps, hist):
    e = item['error']; ch = e['check']; t = ch['type']
    if e.get('held_elsewhere') and 'held_var' in ch:
        # the wrong value must be one the program really holds elsewhere
        if lit(e['stated']) not in hist.get(ch['held_var'], []):
            return False
    if t == 'arith':
        v = eval(ch['expr'])
        return v != lit(e['stated']) and v == lit(e['actual'])
    if t == 'count':
        n = sum(1 for s in snaps if s[2] == 'line' and s[1] == ch['line']) + ch.get('adjust', 0)
        return n != lit(e['stated']) and n == lit(e['actual'])
    if t == 'comparison':
        v = eval(ch['expr'])
        return v != lit(e['stated']) and v == lit(e['actual'])
    if t == 'history_at':
        h = hist[ch['variable']]
        ok = h[ch['index']] != lit(e['stated']) and h[ch['index']] == lit(e['actual'])
        if e.get('held_elsewhere'):
            ok = ok and lit(e['stated']) in h   # held at another moment
        return ok
    if t == 'seq_at':
        seq = [s[3].get(ch['variable']) for s in snaps if s[2] == 'line' and s[1] == ch['line']]
        return seq[ch['index']] != lit(e['stated']) and seq[ch['index']] == lit(e['actual'])
    if t == 'absent_in':
        return not any(ch['value'] in v for v in hist.get(ch['variable'], []))
    if t == 'absent':
        return lit(e['stated']) not in hist.get(ch['variable'], [])
    if t == 'pair_at':
        names = ch['pairs'][0]; want = tuple(ch['state'])
        ok = not any(tuple(s[3].get(n, object()) for n in names) == want for s in snaps)
        if e.get('held_elsewhere'):
            ok = ok and all(v in hist.get(n, []) for n, v in zip(names, want))
        return ok
    if t == 'answer':
        if item['direction'] == 'forward':
            return lit(item['answer']) != ret
        return plain_eval(item['code'], item['answer']) != ret
    return False

def main(path):
    lines = []; bad = 0; n = 0
    for l in open(path):
        it = json.loads(l); n += 1; probs = []
        ret, snaps, hist = run(it['code'], it['call'])
        if repr(ret) != it['returned']:
            probs.append('returned mismatch')
        last = it['rationale'].rstrip().splitlines()[-1]
        if last != 'Answer: ' + it['answer']:
            probs.append('answer line mismatch')
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                probs.append('quote not in rationale: ' + c['quote'])
            if c.get('is_error'):
                continue
            try:
                if not check_claim(c, ret, snaps, hist):
                    probs.append('claim false: ' + c['quote'])
            except Exception as ex:
                probs.append(f'claim error {c["quote"]}: {ex}')
        if it['label'] == 'faithful':
            if it['direction'] == 'forward':
                if lit(it['answer']) != ret: probs.append('forward answer wrong')
            else:
                if plain_eval(it['code'], it['answer']) != ret: probs.append('backward answer wrong')
        else:
            e = it['error']
            if e['quote'] not in it['rationale']: probs.append('error quote missing')
            try:
                if not check_error(it, ret, snaps, hist): probs.append('error not confirmed false')
            except Exception as ex:
                probs.append(f'error check exception: {ex}')
            if e['kind'] not in ('wrong_final_answer', 'backward_wrong_input'):
                # answer must still be right
                if it['direction'] == 'forward' and lit(it['answer']) != ret: probs.append('answer wrong')
                if it['direction'] == 'backward' and plain_eval(it['code'], it['answer']) != ret: probs.append('answer wrong')
        status = 'PASS' if not probs else 'FAIL'
        bad += bool(probs)
        lines.append(f"{status} {it['id']} ({len(it['claims'])} claims)" + ''.join('\n    ' + p for p in probs))
    lines.append(f"\n{n} items, {n - bad} pass, {bad} fail")
    return '\n'.join(lines), bad

if __name__ == '__main__':
    rep, bad = main(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl')
    print(rep)
    sys.exit(1 if bad else 0)
