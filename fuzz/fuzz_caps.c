/* SPDX-License-Identifier: MIT */
/* Fuzz target: capability-chain readers over hostile buffers, and builder -> emit -> reader round trips. */
#include <errno.h>

#include <iommufmt/iommufmt.h>
#include "fuzz/fuzz.h"

#define POISON 0xa5
#define HDR 8u			/* struct iommufmt_cap_header */
#define COUNTED 16u		/* header + count + reserved of the counted capabilities */
#define MAX_READ 64u		/* capacity given to the counted readers */
#define MAX_CAPS 8u		/* capabilities one builder input adds */
#define MAX_ELEMS 16u		/* ranges or regions one counted capability gets */
#define MAX_BODY (COUNTED - HDR + MAX_ELEMS * sizeof(struct iommufmt_resv_region))

static size_t round8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

static uint32_t ld32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static int all_poison(const uint8_t *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (b[i] != POISON)
			return 0;
	return 1;
}

/* Element size of a counted capability id, 0 for any other id. */
static size_t counted_elem(uint16_t id)
{
	if (id == IOMMUFMT_CAP_IOVA_RANGES)
		return sizeof(struct iommufmt_iova_range);
	if (id == IOMMUFMT_CAP_RESV_REGIONS)
		return sizeof(struct iommufmt_resv_region);
	return 0;
}

/*
 * The bytes abi.h says a hw_info capability of this id needs, given @avail
 * bytes from its header to the next entry (or the end) and its count word;
 * 0 for an id the hw_info chain does not define. Written from abi.h, not
 * from lib/caps.c: the oracle the readers are held against.
 */
static uint64_t cap_need(uint16_t id, size_t avail, uint32_t count)
{
	switch (id) {
	case IOMMUFMT_CAP_IOVA_RANGES:
	case IOMMUFMT_CAP_RESV_REGIONS:
		return avail < COUNTED ? COUNTED : COUNTED + (uint64_t)count * counted_elem(id);
	case IOMMUFMT_CAP_PGTABLE_FORMAT:
		return sizeof(struct iommufmt_cap_pgtable_format);
	case IOMMUFMT_CAP_PASID:
		return sizeof(struct iommufmt_cap_pasid);
	case IOMMUFMT_CAP_NESTING:
		return sizeof(struct iommufmt_cap_nesting);
	case IOMMUFMT_CAP_INVALIDATION:
		return sizeof(struct iommufmt_cap_invalidation);
	case IOMMUFMT_CAP_FAULT:
		return sizeof(struct iommufmt_cap_fault);
	}
	return 0;
}

/*
 * Whether the entry at @pos is acceptable after an entry whose header ended
 * at @floor (the fixed struct's size for the first one), per the rules of
 * iommufmt_caps_iter_next(); *avail gets the bytes it may use.
 */
static int entry_ok(const uint8_t *buf, size_t len, size_t floor, size_t pos, int sized,
		    size_t *avail)
{
	uint32_t next, count = 0;
	uint16_t id, version;
	uint64_t need;

	if ((pos & 7) || pos < floor || pos >= len || len - pos < HDR)
		return 0;
	memcpy(&id, buf + pos, 2);
	memcpy(&version, buf + pos + 2, 2);
	next = ld32(buf + pos + 4);
	if (next && next < pos + HDR)
		return 0;
	*avail = (next && next < len ? next : len) - pos;
	if (*avail >= COUNTED)
		count = ld32(buf + pos + HDR);
	need = sized ? cap_need(id, *avail, count) : 0;
	if (need && (version == 0 || need > *avail))
		return 0;
	return 1;
}

static int cap_code_ok(uint32_t code)
{
	return code == IOMMUFMT_DIAG_CAP_BACKWARDS || code == IOMMUFMT_DIAG_CAP_OUT_OF_BOUNDS ||
	       code == IOMMUFMT_DIAG_CAP_MISALIGNED || code == IOMMUFMT_DIAG_CAP_OVERLAP ||
	       code == IOMMUFMT_DIAG_CAP_TRUNCATED || code == IOMMUFMT_DIAG_CAP_IN_HEADER ||
	       code == IOMMUFMT_DIAG_CAP_VERSION;
}

/*
 * A counted reader on (cap, cap_len) with @capacity: its verdict, output and
 * count against the contract. @read_id is the id the reader is for.
 */
static void check_counted_read(uint16_t read_id, const struct iommufmt_cap_header *cap,
			       size_t cap_len, uint32_t capacity)
{
	const size_t elem = counted_elem(read_id);
	const uint8_t *c = (const uint8_t *)cap;
	struct iommufmt_diag d;
	uint8_t *out;
	uint32_t nr = capacity;
	int r;

	out = malloc(capacity ? capacity * elem : 1);
	FUZZ_CHECK(out != NULL);
	memset(out, POISON, capacity ? capacity * elem : 1);
	iommufmt_diag_init(&d);
	if (read_id == IOMMUFMT_CAP_IOVA_RANGES)
		r = iommufmt_cap_iova_ranges_read(cap, cap_len, capacity ? (void *)out : NULL, &nr,
						  &d);
	else
		r = iommufmt_cap_resv_regions_read(cap, cap_len, capacity ? (void *)out : NULL, &nr,
						   &d);
	FUZZ_CHECK(r == 0 || r == -EMSGSIZE || r == -EINVAL || r == -EOPNOTSUPP);
	FUZZ_CHECK(r == 0 ? d.code == IOMMUFMT_DIAG_OK : d.error == r);
	if (r == 0 || r == -EMSGSIZE) {
		uint16_t id, version;

		/* never more entries than the capability's bytes hold */
		FUZZ_CHECK(cap_len >= COUNTED && (cap_len - COUNTED) / elem >= nr);
		memcpy(&id, c, 2);
		memcpy(&version, c + 2, 2);
		FUZZ_CHECK(id == read_id && version == 1 && ld32(c + HDR + 4) == 0);
		FUZZ_CHECK(nr == ld32(c + HDR));
	}
	if (r == -EMSGSIZE) {
		FUZZ_CHECK(nr > capacity && d.code == IOMMUFMT_DIAG_OUTPUT_SMALL);
		FUZZ_CHECK(all_poison(out, capacity * elem));
	} else if (r) {
		FUZZ_CHECK(nr == capacity && all_poison(out, capacity * elem));
	} else {
		uint64_t prev_last = 0;

		FUZZ_CHECK(nr <= capacity);
		FUZZ_CHECK(!nr || !memcmp(out, c + COUNTED, nr * elem));
		FUZZ_CHECK(all_poison(out + nr * elem, (capacity - nr) * elem));
		for (uint32_t i = 0; i < nr; i++) {
			uint64_t start, last;

			memcpy(&start, out + i * elem, 8);
			memcpy(&last, out + i * elem + 8, 8);
			FUZZ_CHECK(start <= last);
			if (read_id == IOMMUFMT_CAP_IOVA_RANGES) {
				FUZZ_CHECK(!i || start > prev_last);	/* sorted and disjoint */
			} else {
				struct iommufmt_resv_region rg;

				memcpy(&rg, out + i * elem, sizeof(rg));
				FUZZ_CHECK(rg.type < IOMMUFMT_RESV_NR_TYPES && rg.flags == 0);
			}
			prev_last = last;
		}
	}
	free(out);
}

/* ---- readers over a hostile buffer ---- */

static void fuzz_reader(struct fuzz_in *in)
{
	struct iommufmt_cap_iter it;
	struct iommufmt_diag d, dc;
	const struct iommufmt_cap_header *cap, *first_of_id = NULL;
	const uint8_t *data;
	uint8_t *buf;
	size_t info_size, len, cap_len, avail, floor, first_len = 0, steps = 0, prev = 0;
	uint32_t cap_offset, capacity, seen_counted = 0;
	uint16_t find_id;
	int sized, r, n;

	info_size = fuzz_u8(in);
	cap_offset = fuzz_u32(in);
	find_id = fuzz_u16(in);
	capacity = fuzz_u8(in) % (MAX_READ + 1);
	sized = !(fuzz_u8(in) & 1);
	len = fuzz_u16(in);
	data = fuzz_rest(in, &avail);
	if (len > avail)
		len = avail;
	/* An exact copy of the bytes the reader may trust: ASan sees any read past them. */
	buf = malloc(len ? len : 1);
	FUZZ_CHECK(buf != NULL);
	if (len)
		memcpy(buf, data, len);

	iommufmt_diag_init(&dc);
	n = iommufmt_caps_check(buf, len, info_size, cap_offset, &dc);
	FUZZ_CHECK(n >= 0 || (n == -EINVAL && dc.error == n && cap_code_ok(dc.code)));
	if (n >= 0)
		FUZZ_CHECK(dc.code == IOMMUFMT_DIAG_OK);

	/* Iteration: every entry inside the buffer, aligned, ascending; at most len / 8 steps. */
	FUZZ_CHECK(iommufmt_caps_iter_init(&it, buf, len, info_size, cap_offset) == 0);
	if (!sized)
		it.sizer = NULL;
	iommufmt_diag_init(&d);
	floor = info_size;
	for (;;) {
		size_t pos = it.pos, want_avail = 0;
		int ok = pos ? entry_ok(buf, len, floor, pos, sized, &want_avail) : 1;
		uint16_t id;

		r = iommufmt_caps_iter_next(&it, &cap, &cap_len, &d);
		if (r <= 0) {
			FUZZ_CHECK(r == 0 ? pos == 0 : (r == -EINVAL && !ok && d.error == r &&
							cap_code_ok(d.code)));
			break;
		}
		FUZZ_CHECK(r == 1 && ok && pos);
		steps++;
		FUZZ_CHECK(steps <= len / 8);
		FUZZ_CHECK((const uint8_t *)cap == buf + pos);
		FUZZ_CHECK(pos % 8 == 0 && pos >= info_size && (!prev || pos >= prev + HDR));
		FUZZ_CHECK(cap_len == want_avail && cap_len >= HDR && pos + cap_len <= len);
		prev = pos;
		floor = pos + HDR;
		memcpy(&id, buf + pos, 2);
		if (id == find_id && !first_of_id) {
			first_of_id = cap;
			first_len = cap_len;
		}
		if (counted_elem(id) && seen_counted++ < 4) {
			check_counted_read(id, cap, cap_len, capacity);
			/* the other reader refuses a capability of the wrong id */
			check_counted_read(id == IOMMUFMT_CAP_IOVA_RANGES ? IOMMUFMT_CAP_RESV_REGIONS :
					   IOMMUFMT_CAP_IOVA_RANGES, cap, cap_len, capacity);
		}
	}
	if (sized) {
		/* check ok <=> the iteration reached the end, with the same count and reason */
		FUZZ_CHECK((n >= 0) == (r == 0));
		FUZZ_CHECK(n < 0 ? d.code == dc.code : (size_t)n == steps);
	}

	/* find agrees with the iteration: the first entry of the id, after checking everything. */
	if (sized) {
		const struct iommufmt_cap_header *fc = (const void *)&it;
		size_t fl = 12345;

		iommufmt_diag_init(&d);
		r = iommufmt_caps_find(buf, len, info_size, cap_offset, find_id, &fc, &fl, &d);
		if (n < 0)
			FUZZ_CHECK(r == n && d.code == dc.code);
		else if (first_of_id)
			FUZZ_CHECK(r == 0 && fc == first_of_id && fl == first_len &&
				   d.code == IOMMUFMT_DIAG_OK);
		else
			FUZZ_CHECK(r == -ENOENT && d.code == IOMMUFMT_DIAG_CAP_NOT_FOUND &&
				   fc == (const void *)&it && fl == 12345);
	}

	/* The counted readers on raw bytes: a capability claimed at the buffer start. */
	if (len >= HDR) {
		check_counted_read(IOMMUFMT_CAP_IOVA_RANGES, (const void *)buf, len, capacity);
		check_counted_read(IOMMUFMT_CAP_RESV_REGIONS, (const void *)buf, len, capacity);
	}
	free(buf);
}

/* ---- builder -> emit -> readers ---- */

struct model_cap {
	uint16_t id;
	uint16_t version;
	uint8_t typed;		/* added by add_iova_ranges / add_resv_regions */
	uint32_t nr;		/* typed: element count */
	size_t body_len;
	uint8_t body[MAX_BODY];
};

/* Counted elements from the input: raw values, or ascending ones that are valid more often. */
static void gen_elems(struct fuzz_in *in, uint16_t id, uint32_t nr, uint8_t *out)
{
	const size_t elem = counted_elem(id);
	const int raw = fuzz_u8(in) & 1;
	uint64_t at = fuzz_u32(in);

	for (uint32_t i = 0; i < nr; i++) {
		uint8_t *e = out + i * elem;
		uint64_t start, last;

		if (raw) {
			start = fuzz_u64(in);
			last = fuzz_u64(in);
		} else {
			start = at + fuzz_u16(in);
			last = start + fuzz_u32(in);
			if (start < at || last < start)
				last = start;	/* at the top of the space: a one-byte range */
			at = last + 2;
		}
		memcpy(e, &start, 8);
		memcpy(e + 8, &last, 8);
		if (id == IOMMUFMT_CAP_RESV_REGIONS) {
			uint8_t t = fuzz_u8(in);
			uint32_t type = t & 0x80 ? t : t % IOMMUFMT_RESV_NR_TYPES;
			uint32_t flags = t & 0x40 ? fuzz_u8(in) : 0;

			memcpy(e + 16, &type, 4);
			memcpy(e + 20, &flags, 4);
		}
	}
}

/* The add functions' verdict, from their documentation. */
static int typed_expect(uint16_t id, const uint8_t *elems, uint32_t nr)
{
	const size_t elem = counted_elem(id);
	uint64_t prev_last = 0;

	for (uint32_t i = 0; i < nr; i++) {
		uint64_t start, last;
		uint32_t type, flags;

		memcpy(&start, elems + i * elem, 8);
		memcpy(&last, elems + i * elem + 8, 8);
		if (start > last)
			return -EINVAL;
		if (id == IOMMUFMT_CAP_IOVA_RANGES) {
			if (i && start <= prev_last)
				return -EINVAL;
		} else {
			memcpy(&type, elems + i * elem + 16, 4);
			memcpy(&flags, elems + i * elem + 20, 4);
			if (type >= IOMMUFMT_RESV_NR_TYPES || flags)
				return -EOPNOTSUPP;
		}
		prev_last = last;
	}
	return 0;
}

static void fuzz_builder(struct fuzz_in *in)
{
	static struct model_cap mc[MAX_CAPS];
	struct iommufmt_caps *caps = iommufmt_caps_new();
	struct iommufmt_diag d;
	unsigned int nops = fuzz_u8(in) % (MAX_CAPS + 1), nc = 0;
	size_t chain = 0, info_size, pos_cap, buflen, base, total, n;
	uint8_t info[64], *out;
	const uint8_t *b;
	uint32_t caps_flag, flags_in, argsz, flags, off;
	int r;

	FUZZ_CHECK(caps != NULL);
	for (unsigned int k = 0; k < nops; k++) {
		struct model_cap *m = &mc[nc];
		uint8_t kind = fuzz_u8(in);
		size_t body_len;

		memset(m, 0, sizeof(*m));
		switch (kind % 4) {
		case 0:	/* any id, any bytes */
		case 3:	/* a defined fixed-size capability, sized as abi.h says */
			m->id = fuzz_u16(in);
			m->version = fuzz_u16(in);
			if (kind % 4 == 3) {
				m->id = IOMMUFMT_CAP_PGTABLE_FORMAT + m->id % 5;
				body_len = cap_need(m->id, 0, 0) - HDR;
			} else {
				body_len = fuzz_u8(in) % (MAX_BODY + 1);
			}
			b = fuzz_bytes(in, body_len, &m->body_len);
			memcpy(m->body, b, m->body_len);
			iommufmt_diag_init(&d);
			r = iommufmt_caps_add(caps, m->id, m->version, m->body, m->body_len);
			FUZZ_CHECK(r == (m->version ? 0 : -EINVAL));
			break;
		default: {	/* a counted capability through its typed builder */
			uint8_t elems[MAX_ELEMS * sizeof(struct iommufmt_resv_region)];
			int want;

			m->id = kind % 4 == 1 ? IOMMUFMT_CAP_IOVA_RANGES : IOMMUFMT_CAP_RESV_REGIONS;
			m->version = 1;
			m->typed = 1;
			m->nr = fuzz_u8(in) % (MAX_ELEMS + 1);
			gen_elems(in, m->id, m->nr, elems);
			want = typed_expect(m->id, elems, m->nr);
			iommufmt_diag_init(&d);
			if (m->id == IOMMUFMT_CAP_IOVA_RANGES)
				r = iommufmt_caps_add_iova_ranges(caps, (const void *)elems, m->nr, &d);
			else
				r = iommufmt_caps_add_resv_regions(caps, (const void *)elems, m->nr, &d);
			FUZZ_CHECK(r == want);
			FUZZ_CHECK(r ? d.error == r : d.code == IOMMUFMT_DIAG_OK);
			memcpy(m->body, &m->nr, 4);
			memset(m->body + 4, 0, 4);
			memcpy(m->body + 8, elems, m->nr * counted_elem(m->id));
			m->body_len = COUNTED - HDR + m->nr * counted_elem(m->id);
			break;
		}
		}
		if (r == 0) {
			nc++;
			chain += round8(HDR + m->body_len);
		}
		/* a failed add appends nothing */
		FUZZ_CHECK(iommufmt_caps_count(caps) == nc && iommufmt_caps_size(caps) == chain);
	}

	/* Emit into a caller buffer of input-chosen size (the VFIO too-small rule). */
	info_size = 8 + fuzz_u8(in) % (sizeof(info) - 7);
	pos_cap = fuzz_u8(in) % (info_size + 1);
	caps_flag = fuzz_u32(in);
	memset(info, 0, sizeof(info));
	b = fuzz_bytes(in, info_size, &n);
	memcpy(info, b, n);
	base = round8(info_size);
	total = chain ? base + chain : info_size;
	buflen = 8 + fuzz_u16(in) % (total + 24);
	out = malloc(buflen);
	FUZZ_CHECK(out != NULL);
	memset(out, POISON, buflen);
	r = iommufmt_caps_emit(caps, out, buflen, info, info_size, pos_cap, caps_flag);
	if (pos_cap < 8 || pos_cap + 4 > info_size) {
		FUZZ_CHECK(r == -EINVAL && all_poison(out, buflen));
		goto done;
	}
	FUZZ_CHECK(r == 0);
	n = buflen < info_size ? buflen : info_size;
	argsz = ld32(out);
	flags = ld32(out + 4);
	flags_in = ld32(info + 4);
	FUZZ_CHECK(flags == (chain ? flags_in | caps_flag : flags_in));
	if (chain)
		FUZZ_CHECK(argsz == (buflen >= total ? buflen : total));
	off = pos_cap + 4 <= n ? ld32(out + pos_cap) : 0;
	FUZZ_CHECK(off == (chain && buflen >= total ? base : 0));
	for (size_t i = 8; i < n; i++)
		FUZZ_CHECK(out[i] == info[i] || (i >= pos_cap && i < pos_cap + 4));
	if (!off) {
		FUZZ_CHECK(all_poison(out + n, buflen - n));
		goto done;
	}
	/* It fitted: padding, then the chain; nothing past it. */
	FUZZ_CHECK(iommufmt_is_zero(out + info_size, base - info_size));
	FUZZ_CHECK(all_poison(out + total, buflen - total));
	{
		struct iommufmt_cap_iter it;
		const struct iommufmt_cap_header *cap;
		size_t at = base, cap_len;
		int valid = 1;

		/* The readers accept it unless a raw capability of a defined id is too short. */
		for (unsigned int i = 0; i < nc; i++) {
			size_t esz = round8(HDR + mc[i].body_len);
			size_t av = i + 1 < nc ? esz : buflen - at;
			uint32_t cnt = 0;
			uint64_t need;

			/* the count word: body, padding, or (last entry) the bytes after the chain */
			if (av >= COUNTED)
				cnt = ld32(out + at + HDR);
			need = cap_need(mc[i].id, av, cnt);
			if (need > av)
				valid = 0;
			at += esz;
		}
		iommufmt_diag_init(&d);
		r = iommufmt_caps_check(out, buflen, info_size, off, &d);
		FUZZ_CHECK(valid ? r == (int)nc : (r == -EINVAL && d.error == r));
		if (!valid)
			goto done;
		FUZZ_CHECK(iommufmt_caps_iter_init(&it, out, buflen, info_size, off) == 0);
		at = base;
		for (unsigned int i = 0; i < nc; i++) {
			const uint8_t *c;
			size_t esz = round8(HDR + mc[i].body_len);
			uint16_t id, version;

			FUZZ_CHECK(iommufmt_caps_iter_next(&it, &cap, &cap_len, NULL) == 1);
			c = (const uint8_t *)cap;
			FUZZ_CHECK(c == out + at);
			FUZZ_CHECK(cap_len == (i + 1 < nc ? esz : buflen - at));
			memcpy(&id, c, 2);
			memcpy(&version, c + 2, 2);
			FUZZ_CHECK(id == mc[i].id && version == mc[i].version);
			FUZZ_CHECK(ld32(c + 4) == (i + 1 < nc ? at + esz : 0));
			FUZZ_CHECK(!memcmp(c + HDR, mc[i].body, mc[i].body_len));
			FUZZ_CHECK(iommufmt_is_zero(c + HDR + mc[i].body_len, esz - HDR - mc[i].body_len));
			if (mc[i].typed) {
				const size_t elem = counted_elem(mc[i].id);
				uint8_t got[MAX_ELEMS * sizeof(struct iommufmt_resv_region)];
				uint32_t nr = MAX_ELEMS;

				/* the reader returns exactly what was added */
				r = mc[i].id == IOMMUFMT_CAP_IOVA_RANGES ?
				    iommufmt_cap_iova_ranges_read(cap, cap_len, (void *)got, &nr, NULL) :
				    iommufmt_cap_resv_regions_read(cap, cap_len, (void *)got, &nr, NULL);
				FUZZ_CHECK(r == 0 && nr == mc[i].nr);
				FUZZ_CHECK(!nr || !memcmp(got, mc[i].body + 8, nr * elem));
				if (mc[i].nr) {
					nr = mc[i].nr - 1;
					r = mc[i].id == IOMMUFMT_CAP_IOVA_RANGES ?
					    iommufmt_cap_iova_ranges_read(cap, cap_len, (void *)got,
									  &nr, NULL) :
					    iommufmt_cap_resv_regions_read(cap, cap_len, (void *)got,
									   &nr, NULL);
					FUZZ_CHECK(r == -EMSGSIZE && nr == mc[i].nr);
				}
			}
			at += esz;
		}
		FUZZ_CHECK(iommufmt_caps_iter_next(&it, &cap, &cap_len, NULL) == 0);
	}
done:
	free(out);
	iommufmt_caps_free(caps);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in;

	fuzz_in_init(&in, data, size);
	if (fuzz_u8(&in) & 1)
		fuzz_builder(&in);
	else
		fuzz_reader(&in);
	return 0;
}
