-- CreateIndex
CREATE INDEX "Attendance_attendedOn_idx" ON "Attendance"("attendedOn");
