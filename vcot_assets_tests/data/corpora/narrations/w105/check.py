#!/usr/bin/env python3
"""Standalone checker for w105 narrations: re-executes each program with sys.settrace,
records per-variable value histories and per-line hit counts, and checks every claim."""
import ast, copy, json, sys
from collections import Counter, defaultdict

FN = '<w105prog>'


def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)


def record(code, call):
    ns = {}
    exec(compile(code, FN, 'exec'), ns)
    hist = defaultdict(list)
    lines = Counter()
    global SAMPLES
    SAMPLES = defaultdict(list)  # line -> snapshots of that frame's locals each time the line is reached

    def push(name, val):
        h = hist[name]
        if not h or h[-1] != val or type(h[-1]) is not type(val):
            h.append(snap(val))

    def dump(frame):
        for k, v in frame.f_locals.items():
            if k.startswith('.'):
                continue
            if hasattr(v, '__dict__') and not callable(v) and not isinstance(v, type):
                for a, av in vars(v).items():
                    push(f'{k}.{a}', av)
            else:
                push(k, v)

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        if event == 'line':
            lines[frame.f_lineno] += 1
            SAMPLES[frame.f_lineno].append({k: snap(v) for k, v in frame.f_locals.items() if not hasattr(v, '__dict__')})
        dump(frame)
        if event == 'return':
            push('<return:' + frame.f_code.co_name + '>', arg)
        return tracer

    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, lines, ns


def lit(s):
    return ast.literal_eval(s)


def evaluate(expr):
    e = expr.replace('`', '').strip()
    for cut in (' returns ', ' is ', ' holds', ' = ', ' gives '):
        if cut in e:
            e = e.split(cut)[0]
    words = e.replace(',', ' ,').split()
    for k in range(len(words), 0, -1):  # longest leading piece that is a Python expression
        if words[k - 1] == ',':
            continue
        try:
            return eval(' '.join(words[:k]), {})
        except Exception:
            continue
    raise ValueError(expr)


def dedup(seq):
    out = []
    for x in seq:
        if not out or out[-1] != x:
            out.append(x)
    return out


def is_run(seq, h):
    # the history records changes only, so repeated consecutive values collapse
    d = dedup(seq)
    return any(h[i:i + len(d)] == d for i in range(len(h)))


def claim_true(c, ret, hist, lines, item):
    w = c['what']
    val = lit(c['value'])
    var = c.get('variable')
    if w == 'value':
        if var:
            h = hist.get(var, [])
            if any(val == x for x in h):
                return True
            if isinstance(val, list) and val:  # summarised sequence: contiguous run of the history
                return is_run(val, h)
            return False
        return any(val in hs for hs in hist.values())
    if w == 'count':
        ln = int(var.split('@line')[1])
        if var.startswith('header@'):  # iterations of a for loop, counted on its header line
            return lines[ln] - 1 == val
        return lines[ln] == val  # loop@line N: hits of the loop body's first line
    if w in ('comparison', 'arith'):
        return evaluate(c['quote']) == val
    if w == 'return':
        return val == ret
    if w == 'call':
        ns = {}
        exec(item['code'], ns)
        return eval(c['quote'], ns) == ret
    raise ValueError(w)


def error_is_false(err, item, ret, hist, lines):
    ck = err['check']
    t = ck['type']
    sv = lit(ck['stated_value']) if 'stated_value' in ck else None
    ok = True
    if t == 'hist_index':
        h = hist[ck['var']]
        ok = h[ck['index']] != sv and ('actual_value' not in ck or lit(ck['actual_value']) == h[ck['index']])
    elif t == 'seq_at_line':
        # the variable's value each time a line is reached (e.g. a loop header), from position `start`
        seen = [smp.get(ck['var']) for smp in SAMPLES[ck['line']]][ck.get('start', 0):]
        ok = seen != sv
        if err.get('held_elsewhere'):
            ok = ok and lit(ck['held_value']) in seen
        return ok
    elif t == 'seq':
        ok = not is_run(sv, hist[ck['var']])
        if err.get('held_elsewhere'):
            ok = ok and lit(ck['held_value']) in hist[ck['var']]
        return ok
    elif t == 'absent':
        ok = sv not in hist[ck['var']]
    elif t == 'count':
        ln = int(ck['loop'].split('@line')[1])
        n = lines[ln] - 1 if ck['loop'].startswith('header@') else lines[ln]
        ok = n != sv
    elif t in ('arith', 'comparison'):
        ok = evaluate(ck['expr']) != sv
    elif t == 'answer':
        if item['direction'] == 'forward':
            ok = lit(item['answer']) != ret
        else:
            ns = {}
            exec(item['code'], ns)
            ok = eval(item['answer'], ns) != ret
    else:
        raise ValueError(t)
    if err.get('held_elsewhere'):
        pool = hist[ck['var']] if 'var' in ck else [v for hs in hist.values() for v in hs] + list(lines.values())
        ok = ok and sv in pool
    return ok


def main(path, report):
    out = []
    n_ok = n_bad = 0
    for line in open(path):
        if not line.strip():
            continue
        it = json.loads(line)
        probs = []
        ret, hist, lines, ns = record(it['code'], it['call'])
        if repr(ret) != it['returned']:
            probs.append(f'returned {ret!r} != {it["returned"]}')
        rat = it['rationale']
        last = rat.rstrip().splitlines()[-1]
        if not last.startswith('Answer:') and not last.startswith('Predicted Output:'):
            probs.append('last line not an Answer line')
        if it['answer'] not in last:
            probs.append('answer not in last line')
        for c in it['claims']:
            if c['quote'] not in rat:
                probs.append(f'quote missing: {c["quote"]!r}')
        err = it.get('error')
        for c in it['claims']:
            is_err = err is not None and c['quote'] == err['quote']
            if not is_err and not claim_true(c, ret, hist, lines, it):
                probs.append(f'false claim: {c}')
        if it['label'] == 'faithful':
            if it['direction'] == 'forward':
                if lit(it['answer']) != ret:
                    probs.append('forward answer wrong')
            else:
                if eval(it['answer'], dict(ns)) != ret:
                    probs.append('backward answer wrong')
        else:
            if err['quote'] not in rat:
                probs.append('error quote missing')
            if not error_is_false(err, it, ret, hist, lines):
                probs.append(f'error not actually false: {err}')
            if err['kind'] not in ('wrong_final_answer', 'backward_wrong_input'):
                # the final answer must still be right
                if it['direction'] == 'forward' and lit(it['answer']) != ret:
                    probs.append('answer wrong in non-answer error copy')
                if it['direction'] == 'backward' and eval(it['answer'], dict(ns)) != ret:
                    probs.append('answer wrong in non-answer error copy')
        status = 'PASS' if not probs else 'FAIL'
        n_ok += not probs
        n_bad += bool(probs)
        out.append(f'{status} {it["id"]} ({len(it["claims"])} claims)' + ''.join('\n    ' + p for p in probs))
    out.append(f'\n{n_ok} passed, {n_bad} failed')
    text = '\n'.join(out)
    print(text)
    if report:
        open(report, 'w').write(text + '\n')
    return n_bad == 0


if __name__ == '__main__':
    ok = main(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl',
              sys.argv[2] if len(sys.argv) > 2 else None)
    sys.exit(0 if ok else 1)
