;; Adam on the rows of a table that a step read, two elements at a time.
;;
;; The same arithmetic, in the same order, as LazyAdam's JavaScript loop:
;; every product, sum, quotient and square root in float64 (as JavaScript
;; computes), each result rounded to float32 only where the loop stores it.
;; WebAssembly never fuses a multiply and an add, so the two give identical
;; bits; f64x2 does two elements per instruction, without the bounds checks.
;;
;; Built into rowadam.wasm.ts by `npm run kernels`.
(module
  (memory (export "memory") 1)

  ;; For k < count: row k of `grad` (float32, count × width) is the gradient of
  ;; table row rows[k] (int32), whose moments are at that row of `m` and `v`
  ;; (float32, table-sized) and whose value is row k of `values` (float32,
  ;; count × width). Pointers are byte offsets into this module's memory.
  ;; a1 = 1 − b1 and a2 = 1 − b2, computed by the caller as its loop did.
  (func (export "adamRows")
    (param $count i32) (param $width i32) (param $rows i32)
    (param $m i32) (param $v i32) (param $grad i32) (param $values i32)
    (param $rate f64) (param $c2 f64) (param $b1 f64) (param $a1 f64)
    (param $b2 f64) (param $a2 f64) (param $eps f64)
    (local $k i32) (local $j i32) (local $rowBytes i32) (local $pairBytes i32)
    (local $mRow i32) (local $vRow i32) (local $out i32)
    (local $g v128) (local $mt v128) (local $vt v128)
    (local $sg f64) (local $smt f64) (local $svt f64)
    (local.set $rowBytes (i32.shl (local.get $width) (i32.const 2)))
    ;; The whole pairs of a row; an odd last element takes the scalar path.
    (local.set $pairBytes (i32.shl (i32.and (local.get $width) (i32.const -2)) (i32.const 2)))
    (block $rowsDone
      (loop $eachRow
        (br_if $rowsDone (i32.ge_u (local.get $k) (local.get $count)))
        (local.set $mRow (i32.add (local.get $m)
          (i32.mul (i32.load (i32.add (local.get $rows) (i32.shl (local.get $k) (i32.const 2)))) (local.get $rowBytes))))
        (local.set $vRow (i32.add (local.get $v) (i32.sub (local.get $mRow) (local.get $m))))
        (local.set $out (i32.mul (local.get $k) (local.get $rowBytes)))
        (local.set $j (i32.const 0))
        (block $pairsDone
          (loop $eachPair
            (br_if $pairsDone (i32.ge_u (local.get $j) (local.get $pairBytes)))
            (local.set $g (f64x2.promote_low_f32x4
              (v128.load64_zero (i32.add (local.get $grad) (i32.add (local.get $out) (local.get $j))))))
            ;; m = b1 · m + (1 − b1) · g
            (local.set $mt (f64x2.add
              (f64x2.mul (f64x2.splat (local.get $b1))
                (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $mRow) (local.get $j)))))
              (f64x2.mul (f64x2.splat (local.get $a1)) (local.get $g))))
            (v128.store64_lane 0 (i32.add (local.get $mRow) (local.get $j)) (f32x4.demote_f64x2_zero (local.get $mt)))
            ;; v = b2 · v + (1 − b2) · g · g
            (local.set $vt (f64x2.add
              (f64x2.mul (f64x2.splat (local.get $b2))
                (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $vRow) (local.get $j)))))
              (f64x2.mul (f64x2.mul (f64x2.splat (local.get $a2)) (local.get $g)) (local.get $g))))
            (v128.store64_lane 0 (i32.add (local.get $vRow) (local.get $j)) (f32x4.demote_f64x2_zero (local.get $vt)))
            ;; value −= rate · m / (√(v / c2) + eps)
            (v128.store64_lane 0 (i32.add (local.get $values) (i32.add (local.get $out) (local.get $j)))
              (f32x4.demote_f64x2_zero (f64x2.sub
                (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $values) (i32.add (local.get $out) (local.get $j)))))
                (f64x2.div
                  (f64x2.mul (f64x2.splat (local.get $rate)) (local.get $mt))
                  (f64x2.add (f64x2.sqrt (f64x2.div (local.get $vt) (f64x2.splat (local.get $c2)))) (f64x2.splat (local.get $eps)))))))
            (local.set $j (i32.add (local.get $j) (i32.const 8)))
            (br $eachPair)))
        (if (i32.lt_u (local.get $pairBytes) (local.get $rowBytes))
          (then
            (local.set $sg (f64.promote_f32 (f32.load (i32.add (local.get $grad) (i32.add (local.get $out) (local.get $j))))))
            (local.set $smt (f64.add
              (f64.mul (local.get $b1) (f64.promote_f32 (f32.load (i32.add (local.get $mRow) (local.get $j)))))
              (f64.mul (local.get $a1) (local.get $sg))))
            (f32.store (i32.add (local.get $mRow) (local.get $j)) (f32.demote_f64 (local.get $smt)))
            (local.set $svt (f64.add
              (f64.mul (local.get $b2) (f64.promote_f32 (f32.load (i32.add (local.get $vRow) (local.get $j)))))
              (f64.mul (f64.mul (local.get $a2) (local.get $sg)) (local.get $sg))))
            (f32.store (i32.add (local.get $vRow) (local.get $j)) (f32.demote_f64 (local.get $svt)))
            (f32.store (i32.add (local.get $values) (i32.add (local.get $out) (local.get $j)))
              (f32.demote_f64 (f64.sub
                (f64.promote_f32 (f32.load (i32.add (local.get $values) (i32.add (local.get $out) (local.get $j)))))
                (f64.div
                  (f64.mul (local.get $rate) (local.get $smt))
                  (f64.add (f64.sqrt (f64.div (local.get $svt) (local.get $c2))) (local.get $eps))))))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $eachRow)))))
