# Pipeline (the tiny configuration of tests/pipeline) interrupted by SIGTERM
# in each of its stages (lib.sh): during input reading (start: the forecast
# stops before its first series), at the plan's first chunk, just before the
# plan's results are written, at generation 4 of the supply GA and after
# epoch 1 of 2 of the recommender. Each --resume keeps the stage files that
# were complete, continues the interrupted stage from its checkpoint
# (docs/pipeline.md, "Stop and resume") and runs the rest; the final results equal an
# uninterrupted run's bit for bit, stage by stage (the timings, the file
# names and checksums and the kept/ran record of /pipeline left out).
. "$SRC/tests/reliability/interrupt/lib.sh"
. "$SRC/tests/pipeline/tiny.sh"
write_tiny_ini tiny.ini
ARGS=(pipeline -c tiny.ini)
same_results() {
  same_forecast "$1" "$2" && same_plan "$1" "$2" && same_supply "$1" "$2" &&
    same_recommend "$1" "$2" && h5same "$1" "$2" /pipeline/stage
}
RESUMED="kept from the interrupted run|resuming from|resuming at"

reference "${ARGS[@]}"
# agreements: the forecast's (after its loop) and the plan's (after the
# sweep); then the supply GA polls once per generation (13) and the
# recommender once per epoch (2, the last poll of the run). agree:K+N is the
# N-th poll after the K-th agreement.
set -- $AGREE_AT
[ $# -ge 2 ] || fail "reference: rank 0 agreed at polls '$AGREE_AT', expected the forecast's and the plan's"
REC1=$((P0 - $2 - 1))   # the recommender's first epoch, counted after the plan's agreement
chain "${ARGS[@]}" -- start=3 agree:1+1=3 agree:1=3
# (the --resume run keeps forecast and plan, so it has no agreements: it
# polls the 8 generations left, then the first epoch)
chain -p "${ARGS[@]}" -- agree:2+5=3 "$((REC1 - 5))=3"
finish
