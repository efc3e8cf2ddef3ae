import json
import threading

from vcot_assets.llm.cache import ResponseCache, cache_key, teacher_fingerprint

BASE = dict(model="openai/m", prompt="p", temperature=0.7, max_tokens=100, sample_index=0)


def test_key_covers_what_decides_the_answer():
    key = cache_key(**BASE)
    assert len(key) == 64 and key == cache_key(**BASE)
    changed = [
        dict(BASE, model="openai/n"),
        dict(BASE, prompt="p "),
        dict(BASE, temperature=0.2),
        dict(BASE, max_tokens=101),
        dict(BASE, sample_index=1),
    ]
    assert len({cache_key(**values) for values in changed} | {key}) == 6


def test_key_covers_the_offline_teachers_rates_and_leaves_real_models_keys_alone():
    assert teacher_fingerprint("openai/m") == {}
    assert cache_key(**BASE, fingerprint={}) == cache_key(**BASE)
    default = teacher_fingerprint("offline/default", {})
    assert set(default) == {"offline_rates", "offline_teacher"}
    assert teacher_fingerprint("offline/default", {"VCOT_OFFLINE_FAILURES": "1"}) == default
    halved = teacher_fingerprint("offline/default", {"VCOT_OFFLINE_FAILURES": "0.5"})
    one_rate = teacher_fingerprint("offline/default", {"VCOT_OFFLINE_RATE_REASONING_SLIP": "0.9"})
    offline = dict(BASE, model="offline/default")
    keys = {cache_key(**offline, fingerprint=f) for f in (default, halved, one_rate)}
    assert len(keys) == 3


def test_put_get_and_unreadable_entries_are_misses(tmp_path):
    cache = ResponseCache(tmp_path)
    key = cache_key(**BASE)
    assert cache.get(key) is None
    cache.put(key, {"text": "hello ✓", "prompt_tokens": 3})
    assert cache.get(key) == {"text": "hello ✓", "prompt_tokens": 3} and len(cache) == 1
    path = tmp_path / key[:2] / f"{key}.json"
    path.write_text('{"text": "cut sho')
    assert cache.get(key) is None
    path.write_text(json.dumps({"text": None}))
    assert cache.get(key) is None
    assert not list(tmp_path.glob("**/.tmp-*"))


def test_concurrent_writers_of_one_key_leave_a_whole_entry(tmp_path):
    cache = ResponseCache(tmp_path)
    key = cache_key(**BASE)
    texts = [f"answer {i} " * 2000 for i in range(8)]
    seen = []

    def write(text):
        for _ in range(20):
            cache.put(key, {"text": text})
            seen.append(cache.get(key))

    threads = [threading.Thread(target=write, args=(t,)) for t in texts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(entry is not None and entry["text"] in texts for entry in seen)
    assert cache.get(key)["text"] in texts and len(cache) == 1
